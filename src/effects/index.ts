/**
 * pctkit/effects — the Node-only adapter: the only part of pctkit that touches a real filesystem.
 * @packageDocumentation
 */
export { writeFileAtomic } from './atomic-write.js';
export type { AtomicWriteOptions } from './atomic-write.js';
