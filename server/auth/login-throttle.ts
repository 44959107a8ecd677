/**
 * Login rate limiting: after 5 failed attempts for one username, or 20 from one address, within 15 minutes, further
 * attempts are refused with 429 until the window has passed. In memory: a restart forgets, which only ever helps a
 * legitimate user.
 */
const WINDOW_MILLISECONDS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_USERNAME = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  private recent(key: string): number[] {
    const cutoff = this.now() - WINDOW_MILLISECONDS;
    const times = (this.failures.get(key) ?? []).filter((time) => time > cutoff);
    if (times.length === 0) this.failures.delete(key);
    else this.failures.set(key, times);
    return times;
  }

  /** Seconds until another attempt is allowed, or 0 when it is allowed now. */
  retryAfterSeconds(username: string, address: string): number {
    const byUser = this.recent(`user:${username.toLowerCase()}`);
    const byAddress = this.recent(`address:${address}`);
    const blocking = [
      byUser.length >= MAX_FAILURES_PER_USERNAME
        ? byUser[byUser.length - MAX_FAILURES_PER_USERNAME]
        : undefined,
      byAddress.length >= MAX_FAILURES_PER_ADDRESS
        ? byAddress[byAddress.length - MAX_FAILURES_PER_ADDRESS]
        : undefined,
    ].filter((time): time is number => time !== undefined);
    if (blocking.length === 0) return 0;
    return Math.ceil((Math.max(...blocking) + WINDOW_MILLISECONDS - this.now()) / 1000);
  }

  recordFailure(username: string, address: string): void {
    for (const key of [`user:${username.toLowerCase()}`, `address:${address}`]) {
      this.failures.set(key, [...this.recent(key), this.now()]);
    }
  }

  recordSuccess(username: string): void {
    this.failures.delete(`user:${username.toLowerCase()}`);
  }
}
