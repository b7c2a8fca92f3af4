/**
 * Every system call of the adapter that changes the filesystem goes through {@link MutationSteps}:
 * it counts them (the apply report's `mutations`) and, for tests, fails the one after the first
 * `failAfter`, simulating a crash at that exact point: the adapter then stops at once, without the
 * cleanup a real error would get, so what is left on disk is what a power cut there would leave.
 */

/** Thrown by {@link MutationSteps.step} at the injected failure point. */
export class InjectedFailure extends Error {
  constructor(
    readonly step: number,
    readonly what: string,
    readonly path: string,
  ) {
    super(`injected failure before mutation ${step + 1} (${what} ${path})`);
    this.name = 'InjectedFailure';
  }
}

/** Counts mutating system calls and fails one on request. */
export class MutationSteps {
  private done = 0;

  /** @param failAfter let this many mutations happen, then fail the next one (undefined: never). */
  constructor(private readonly failAfter?: number) {}

  /** Mutations performed so far. */
  get count(): number {
    return this.done;
  }

  /** Performs one mutation (`what` on container path `path`), unless this is the injected failure. */
  step<T>(what: string, path: string, fn: () => T): T {
    if (this.failAfter !== undefined && this.done >= this.failAfter)
      throw new InjectedFailure(this.done, what, path);
    const result = fn();
    this.done++;
    return result;
  }
}
