/**
 * The one place that decides where the user's API key may be sent, and the one way
 * Headroom builds an SDK client with that key.
 */
import Anthropic, { type ClientOptions } from '@anthropic-ai/sdk';
import { DEFAULT_UPSTREAM, displayUpstream, parseUpstream } from './proxy/upstream';

/**
 * The base URL a request carrying the user's key may go to: the configured one when it is
 * https (or http on loopback), else the real API. Never the environment's
 * `ANTHROPIC_BASE_URL`, which the SDK would read if no base URL were given: any program
 * or shell profile can set that. Throws a `TypeError` (user-facing) for a refused URL.
 */
export function keyDestination(configured?: string): string {
  if (configured === undefined || configured.trim() === '') return DEFAULT_UPSTREAM;
  return displayUpstream(parseUpstream(configured));
}

/** An SDK client holding the user's key, pointed at {@link keyDestination}, logging off. */
export function createKeyedClient(
  options: Omit<ClientOptions, 'baseURL' | 'apiKey' | 'authToken' | 'credentials' | 'config' | 'profile'> & {
    apiKey: string;
    baseURL?: string;
  },
): Anthropic {
  const { baseURL, ...rest } = options;
  // The SDK would otherwise log to the console (and, at debug level, request details).
  return new Anthropic({ logLevel: 'off', ...rest, baseURL: keyDestination(baseURL) });
}
