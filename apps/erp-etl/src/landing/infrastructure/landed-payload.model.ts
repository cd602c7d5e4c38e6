import { Schema, type Connection, type Model, type MongooseQueryMiddleware } from 'mongoose';
import { FLOWS } from '../../flows/domain/flows';
import type { LandingInput } from '../application/ports/landing.port';

export type LandedPayloadDocument = LandingInput;

/** Every way mongoose can change or remove a stored document; the landing zone allows none. */
const CHANGES: MongooseQueryMiddleware[] = [
  'updateOne',
  'updateMany',
  'replaceOne',
  'findOneAndUpdate',
  'findOneAndReplace',
  'deleteOne',
  'deleteMany',
  'findOneAndDelete',
];

export class AppendOnlyError extends Error {
  constructor(operation: string) {
    super(`landed_payloads is append-only: ${operation} refused`);
    this.name = 'AppendOnlyError';
  }
}

const schema = new Schema<LandedPayloadDocument>(
  {
    client: { type: String, required: true },
    flow: { type: String, required: true, enum: FLOWS },
    kind: { type: String, required: true, enum: ['webhook', 'extract'] },
    eventId: { type: String, required: true },
    receivedAt: { type: Date, required: true },
    // A string, never parsed: the exact text the client signed. An empty body is still a body.
    body: { type: String, required: true, validate: (v: unknown) => typeof v === 'string' },
    headers: { type: Schema.Types.Mixed, required: true, default: {} },
    sourceIp: { type: String, default: null },
  },
  { collection: 'landed_payloads', versionKey: false, strict: 'throw', minimize: false },
);

// A redelivered webhook (or a page fetched again) lands once: the duplicate is E11000.
schema.index({ client: 1, kind: 1, eventId: 1 }, { unique: true, name: 'one_landing_per_event' });
// Replay reads one client's flow by time.
schema.index({ client: 1, flow: 1, receivedAt: 1 }, { name: 'by_client_flow_time' });
schema.index({ client: 1, receivedAt: 1 }, { name: 'by_client_time' });

schema.pre(CHANGES, function () {
  throw new AppendOnlyError((this as { op?: string }).op ?? 'change');
});
schema.pre('bulkWrite', () => {
  throw new AppendOnlyError('bulkWrite');
});
schema.pre('save', function () {
  if (!this.isNew) throw new AppendOnlyError('save of a landed payload');
});
schema.pre(['deleteOne', 'updateOne'], { document: true, query: false }, () => {
  throw new AppendOnlyError('document change');
});

export const landedPayloadModel = (connection: Connection): Model<LandedPayloadDocument> =>
  connection.models.LandedPayload ?? connection.model('LandedPayload', schema);

/** The model with its collection and indexes in place (the connection builds none by itself). */
export async function prepareLandedPayloads(connection: Connection): Promise<Model<LandedPayloadDocument>> {
  const model = landedPayloadModel(connection);
  await model.init();
  await model.createIndexes();
  return model;
}
