import type { Node } from '../../parse/treeSitter';
import type { ClaudeCall, FileContext } from '../../lint/context';
import { callFacts, methodText } from '../callFacts';
import { lang, type Report } from '../rule';
import type { MissingMaxTokensData } from './data';
import { callee, isCall, namedChildren, unwrap, up, kind, endOf } from '../../lint/syntax';
import { callParams, objectParams, type ParamSet, entryString } from '../../lint/facts/arguments';
import { allHttpClaudeCalls } from '../../lint/facts/httpHelpers';
import { literalKeys } from './literalKeys';
import { bodyLiteral } from '../../lint/facts/httpBody';

/** `missing-max-tokens`: a create/stream call (or a raw-HTTP request's JSON body) whose literal params lack `max_tokens`. */
export function detect(ctx: FileContext, report: Report<MissingMaxTokensData>): void {
  checkHttp(ctx, report);
  for (const call of ctx.calls) {
    if (call.method === 'batches.create') {
      checkBatch(ctx, call, report);
      continue;
    }
    const params = call.params;
    // (an open object literal may only spread literals added on a condition: `...(c && { … })`)
    const spread = params.open && !ctx.python ? literalKeys(ctx, params.node) : undefined;
    if (
      (params.open && (!spread || spread.open)) ||
      params.entries.has('max_tokens') ||
      spread?.keys.has('max_tokens')
    ) {
      continue;
    }
    const insertAt = (params.node ?? call.node.childForFieldName('arguments') ?? call.callee).startIndex + 1;
    const model = entryString(params.entries.get('model'), ctx.text);
    report({
      start: call.callee.startIndex,
      end: endOf(call.callee),
      message:
        `This ${call.method} call has no max_tokens, so the API rejects it with a 400: add max_tokens. ` +
        `${methodText(call)} requires it (both SDKs type it as required) and nothing is generated without it; ` +
        `for example ${ctx.python ? 'max_tokens=1024' : 'max_tokens: 1024'}.`,
      data: {
        rule: 'missing-max-tokens',
        language: lang(ctx),
        call: callFacts(ctx, call),
        insertAt,
        model,
      },
    });
  }
}

/**
 * A raw-HTTP Messages request (`fetch(…/v1/messages)`, `requests.post(URL, json=payload)`) whose
 * JSON body is written in the file, names `model` and `messages`, and has no `max_tokens`.
 */
function checkHttp(ctx: FileContext, report: Report<MissingMaxTokensData>): void {
  for (const call of allHttpClaudeCalls(ctx)) {
    const literal = bodyLiteral(ctx, call);
    // (a name's keys may be set after its literal: `payload["max_tokens"] = n` before the request)
    const setLater =
      literal?.viaName && ctx.text.slice(endOf(literal.node), call.node.startIndex).includes('max_tokens');
    const body = literal && !setLater ? literalKeys(ctx, literal.node) : undefined;
    if (
      !body ||
      body.open ||
      body.keys.has('max_tokens') ||
      !body.keys.has('model') ||
      !body.keys.has('messages')
    ) {
      continue;
    }
    const entry = ctx.python ? '"max_tokens": 1024' : 'max_tokens: 1024';
    report({
      start: call.callee.startIndex,
      end: endOf(call.callee),
      message:
        'This raw-HTTP request body has no max_tokens, so the API rejects it with a 400: add max_tokens. ' +
        'The JSON sent to /v1/messages names model and messages but not max_tokens, which the Messages API ' +
        `requires; for example ${entry}.`,
      data: {
        rule: 'missing-max-tokens',
        language: lang(ctx),
        call: callFacts(ctx, call),
        insertAt: body.node.startIndex + 1,
        model: entryString(objectParams(body.node, ctx.text).entries.get('model'), ctx.text),
        body: true,
      },
    });
  }
}

/** Batch requests: each literal `params` object must carry max_tokens too. */
function checkBatch(ctx: FileContext, call: ClaudeCall, report: Report<MissingMaxTokensData>): void {
  const requests = call.params.entries.get('requests')?.value;
  if (!requests) {
    return;
  }
  const re = ctx.python ? /(?:["']params["']\s*:|\bparams\s*=)/g : /\bparams\s*:|["']params["']\s*:/g;
  for (const m of ctx.scan(re, requests.startIndex, endOf(requests))) {
    let entry: Node | null = ctx.nodeAt(m.index + m[0].search(/params/));
    while (
      entry &&
      kind(entry) !== 'pair' &&
      kind(entry) !== 'keyword_argument' &&
      entry.startIndex >= requests.startIndex
    ) {
      entry = up(entry);
    }
    if (!entry || (kind(entry) !== 'pair' && kind(entry) !== 'keyword_argument')) {
      continue;
    }
    const value = unwrap(entry.childForFieldName('value'));
    let params: ParamSet;
    if (value && (kind(value) === 'object' || kind(value) === 'dictionary')) {
      params = objectParams(value, ctx.text);
    } else if (
      value &&
      isCall(value) &&
      ctx.python &&
      /^(?:[\w.]*\.)?(?:[A-Z]\w*|dict)$/.test(ctx.textOf(callee(value)))
    ) {
      // (a params type or `dict(...)` written in place: `MessageCreateParamsNonStreaming(...)`; not a
      // builder function, `build_params(model, post)`, whose dict is made elsewhere)
      params = callParams(value, ctx.text, true);
    } else {
      continue;
    }
    if (params.open || params.entries.has('max_tokens') || namedChildren(params.node).length === 0) {
      continue;
    }
    report({
      start: entry.startIndex,
      end: endOf(entry),
      message:
        'This batch request has no max_tokens, so it fails when the batch runs: add it to its params. ' +
        'The request is rejected with "invalid_request_error" after the batch has waited its turn; ' +
        "every request's params need their own max_tokens.",
      data: {
        rule: 'missing-max-tokens',
        language: lang(ctx),
        call: callFacts(ctx, call),
        insertAt: (params.node ?? value).startIndex + 1,
        model: entryString(params.entries.get('model'), ctx.text),
      },
    });
  }
}
