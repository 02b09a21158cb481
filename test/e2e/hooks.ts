import { closeSession } from './session';

/** Mocha root hooks: whatever happens in the tests, the session's processes end. */
export const mochaHooks = {
  async afterAll(this: Mocha.Context): Promise<void> {
    this.timeout(30_000);
    await closeSession();
  },
};
