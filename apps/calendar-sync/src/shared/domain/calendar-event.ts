/** A booking's event as the platform wants it in Google; `id` is chosen by the platform (base32hex). */
export interface DesiredEvent {
  id: string;
  summary: string;
  description: string;
  /** Instants (ISO-8601), shown in `timeZone`. */
  startsAt: string;
  endsAt: string;
  timeZone: string;
  /** `extendedProperties.private`: what ties the event to the booking. */
  tags: { bookingId: string; version: string };
}

/** An event as Google answers it in a listing (deleted ones as `cancelled`). */
export interface GoogleEvent {
  id: string;
  cancelled: boolean;
  startsAt?: string;
  endsAt?: string;
  summary?: string;
  htmlLink?: string;
  bookingId?: string;
}
