// realworld repro (module): the wrapper imported by suburb_page_imported_limiter_method_retry.mjs -- a request pacer
// class: waitForSlot keeps to N requests a minute, and withRetry(fn) retries status 429 or rate_limit_error, 5xx and
// connection resets, 1 s doubling to 32 s plus up to 20% jitter, never reading retry-after; no Claude call here
// source: Theprofitplatform/tpp automation/scripts/generate-suburb-pages.mjs:141

export class RequestPacer {
  constructor(perMinute = 50, options = {}) {
    this.perMinute = perMinute;
    this.sent = [];
    this.maxRetries = options.maxRetries || 3;
    this.firstWait = options.firstWait || 1000;
    this.longestWait = options.longestWait || 32000;
    this.verbose = options.verbose || false;
  }

  async waitForSlot() {
    const now = Date.now();
    this.sent = this.sent.filter((t) => t > now - 60000);
    if (this.sent.length >= this.perMinute) {
      const wait = 60000 - (now - this.sent[0]) + 100;
      if (this.verbose) console.log(`pacing: waiting ${wait}ms`);
      await new Promise((resolve) => setTimeout(resolve, wait));
      return this.waitForSlot();
    }
    this.sent.push(now);
  }

  async withRetry(fn) {
    let lastError;
    for (let attempt = 1; attempt <= this.maxRetries; attempt++) { // expect-not: naive-retry
      try {
        await this.waitForSlot();
        return await fn();
      } catch (error) {
        lastError = error;
        const limited = error.status === 429 || error.error?.type === "rate_limit_error";
        const retryable = limited || error.status >= 500 || error.code === "ECONNRESET" || error.code === "ETIMEDOUT";
        if (!retryable || attempt >= this.maxRetries) throw error;
        const wait = Math.min(this.firstWait * 2 ** (attempt - 1), this.longestWait);
        await new Promise((resolve) => setTimeout(resolve, wait + wait * 0.2 * Math.random()));
        if (limited) this.sent = [];
      }
    }
    throw new Error(`gave up after ${this.maxRetries} attempts: ${lastError.message}`);
  }
}
