/** Every route of the API, composed from the domain files, with the types the typed client reads from it. */
import type * as z from 'zod/mini';
import { accountEndpoints } from './account.ts';
import { antigenEndpoints } from './antigen.ts';
import { codeEndpoints } from './codes.ts';
import { consoleEndpoints } from './console.ts';
import { feedEndpoints } from './feeds.ts';
import { kioskEndpoints } from './kiosks.ts';
import { recordEndpoints } from './records.ts';
import { serviceEndpoints } from './service.ts';
import { syncEndpoints } from './sync.ts';
import { venueEndpoints } from './venues.ts';

export const endpoints = {
  ...accountEndpoints,
  ...recordEndpoints,
  ...antigenEndpoints,
  ...codeEndpoints,
  ...syncEndpoints,
  ...venueEndpoints,
  ...kioskEndpoints,
  ...feedEndpoints,
  ...serviceEndpoints,
  ...consoleEndpoints,
} as const;

export type Endpoints = typeof endpoints;
export type EndpointName = keyof Endpoints;
export type ResponseOf<N extends EndpointName> = z.infer<Endpoints[N]['response']>;
export type BodyOf<N extends EndpointName> =
  Endpoints[N]['body'] extends z.ZodMiniType ? z.input<Endpoints[N]['body']> : undefined;
