import { z } from 'zod';
import { fieldProblems, type FieldProblem } from '@sportclub/service-kit';
import { FLOW_ACTIONS, type Flow, type FlowAction } from '../flows/domain/flows';
import type { ErpFact, ErpFactBody } from '../flows/domain/facts';

/**
 * What a client folder under `clients/` provides: for each flow and action, the schema of the event's
 * `data` and the transformer onto the platform's normalized fact. Adding a client is a new folder and
 * one line in `registry.ts`.
 */
export interface ActionDefinition {
  readonly data: z.ZodType;
  toFact(data: unknown): ErpFactBody;
}

export interface ErpClient {
  /** The client's id in URLs, configuration and the landing zone: lower case, `[a-z][a-z0-9-]*`. */
  readonly id: string;
  readonly name: string;
  readonly flows: { readonly [F in Flow]: { readonly [A in FlowAction<F>]: ActionDefinition } };
}

/** Pairs a data schema with its transformer, keeping the two typed together. */
export function action<S extends z.ZodType>(
  data: S,
  toFact: (data: z.output<S>) => ErpFactBody,
): ActionDefinition {
  return { data, toFact: (value) => toFact(value as z.output<S>) };
}

/** Every ERP webhook, whatever the client: its event id, the flow's action, when it happened, its data. */
export const envelopeSchema = z.strictObject({
  eventId: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'letters, digits and . _ : - only'),
  action: z.string().min(1).max(64),
  occurredAt: z.iso.datetime({ offset: true }),
  data: z.unknown(),
});

export interface ErpEvent {
  eventId: string;
  action: FlowAction;
  occurredAt: string;
  data: unknown;
}

export type ParsedEvent = { ok: true; event: ErpEvent } | { ok: false; problems: FieldProblem[] };

/** A webhook body for `flow` of `client`, validated: envelope first, then the action's data. */
export function parseEvent(client: ErpClient, flow: Flow, body: unknown): ParsedEvent {
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) return { ok: false, problems: fieldProblems(envelope.error) };
  const actions = client.flows[flow] as Record<string, ActionDefinition>;
  const definition = Object.hasOwn(actions, envelope.data.action) ? actions[envelope.data.action] : undefined;
  if (!definition) {
    const known = (FLOW_ACTIONS[flow] as readonly string[]).join(', ');
    return {
      ok: false,
      problems: [{ field: 'action', reason: `not an action of the ${flow} flow (${known})` }],
    };
  }
  if (envelope.data.data === undefined)
    return { ok: false, problems: [{ field: 'data', reason: 'required' }] };
  const data = definition.data.safeParse(envelope.data.data);
  if (!data.success) return { ok: false, problems: fieldProblems(data.error, 'data') };
  return {
    ok: true,
    event: { ...envelope.data, action: envelope.data.action as FlowAction, data: data.data },
  };
}

/** The normalized fact of an event `parseEvent` accepted. */
export function toFact(client: ErpClient, flow: Flow, event: ErpEvent): ErpFact {
  const definition = (client.flows[flow] as Record<string, ActionDefinition>)[event.action];
  const body = definition.toFact(event.data);
  return {
    ...body,
    source: {
      client: client.id,
      flow,
      action: event.action,
      eventId: event.eventId,
      occurredAt: new Date(event.occurredAt).toISOString(),
    },
  };
}
