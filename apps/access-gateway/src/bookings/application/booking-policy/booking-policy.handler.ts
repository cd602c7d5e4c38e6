import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@sportclub/service-kit';
import { policyProblem, type BookingPolicy } from '../../domain/booking-policy';
import {
  BOOKING_POLICIES_REPOSITORY,
  type BookingPoliciesRepository,
} from '../ports/bookings.repository.port';

class InvalidPolicyError extends DomainError {
  readonly kind = 'invalid';
  readonly code = 'invalid_booking_policy';
  constructor(
    override readonly field: string,
    reason: string,
  ) {
    super(reason);
  }
}

/** A club's booking rules (its time zone, lengths, grid and the members' notice); staff change them. */
@Injectable()
export class BookingPolicyHandler {
  constructor(@Inject(BOOKING_POLICIES_REPOSITORY) private readonly policies: BookingPoliciesRepository) {}

  get(tenantId: string): Promise<BookingPolicy> {
    return this.policies.find(tenantId);
  }

  /** Applies to bookings made or changed from now on; existing bookings keep their slots. */
  save(tenantId: string, policy: BookingPolicy): Promise<BookingPolicy> {
    const problem = policyProblem(policy);
    if (problem) throw new InvalidPolicyError(problem.field, problem.reason);
    return this.policies.save(tenantId, policy);
  }
}
