// realworld repro (module): the store imported by daily_forum_digest_cron_fetch.ts -- an in-memory stand-in for the
// forum database; no Claude call here
// source: shrimp316/n-wiki app/api/cron/summarize/route.ts:74
export interface Post {
  author: string;
  body: string;
}

const digests = new Map<string, string>();
const posts = new Map<string, Post[]>();

export function openDb() {
  return {
    async isDigested(day: string) {
      return digests.has(day);
    },
    async postsOn(day: string) {
      return posts.get(day) ?? [];
    },
    async saveDigest(day: string, html: string) {
      digests.set(day, html); // expect-not: batchable-fanout
    },
  };
}
