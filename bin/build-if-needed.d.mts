/** Runs tsc when a source, tsconfig or the lock file changed since the last build; a no-op otherwise. */
export function buildIfNeeded(): void;
