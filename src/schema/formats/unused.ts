/** The `unused[n]` property-string format. */
import type { PropertyStringFormat } from '../property-schema.js';

/** `unused0`…`unused255`: a volume that is detached but still owned by the container. */
export const unusedFormat = {
  volume: {
    type: 'string',
    format: 'pve-volume-id',
    defaultKey: true,
    description: 'The volume that is not used at the moment.',
    formatDescription: 'volume',
  },
} as const satisfies PropertyStringFormat;
