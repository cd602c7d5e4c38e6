import type { Model } from 'mongoose';
import type {
  LandedPayload,
  LandingInput,
  LandingPort,
  LandingQuery,
} from '../application/ports/landing.port';
import type { LandedPayloadDocument } from './landed-payload.model';

const DUPLICATE_KEY = 11000;
const MAX_PAGE = 5_000;

/**
 * The landing zone in MongoDB. Each landing is one single-document insert whose unique index decides
 * whether it is new: no read-then-write race, no transaction (decision 0021). A duplicate is recognised
 * by code 11000 alone, since mongo-java-server sends no keyPattern.
 */
export class MongoLandingRepository implements LandingPort {
  constructor(private readonly model: Model<LandedPayloadDocument>) {}

  async land(input: LandingInput): Promise<'landed' | 'duplicate'> {
    try {
      await this.model.create({ ...input, headers: { ...input.headers } });
      return 'landed';
    } catch (error) {
      if ((error as { code?: unknown }).code === DUPLICATE_KEY) return 'duplicate';
      throw error;
    }
  }

  async find(query: LandingQuery): Promise<LandedPayload[]> {
    const filter: Record<string, unknown> = {
      client: query.client,
      receivedAt: { $gte: query.from, $lt: query.to },
    };
    if (query.flow) filter.flow = query.flow;
    if (query.kind) filter.kind = query.kind;
    const docs = await this.model
      .find(filter)
      .sort({ receivedAt: 1, _id: 1 })
      .limit(Math.min(query.limit ?? 500, MAX_PAGE))
      .lean();
    return docs.map(({ _id, ...doc }) => ({ ...doc, id: String(_id) }) as LandedPayload);
  }
}
