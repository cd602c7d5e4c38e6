/**
 * Field schemas the messages share, so the same business value is validated the same way everywhere.
 * Money is always an integer amount of centavos.
 */
export const ID = { type: 'string', minLength: 1, maxLength: 100 } as const;
export const UUID = { type: 'string', format: 'uuid' } as const;
export const CENTAVOS = { type: 'integer', minimum: 0 } as const;
export const POSITIVE_CENTAVOS = { type: 'integer', minimum: 1 } as const;
export const TIMESTAMP = { type: 'string', format: 'date-time' } as const;
export const REASON = { type: 'string', minLength: 1, maxLength: 500 } as const;
export const PAYMENT_PROVIDER = { enum: ['stripe', 'mercadopago', 'pagseguro'] } as const;
export const PAYMENT_METHOD = { enum: ['card', 'pix'] } as const;

/** A Pix charge as the payer sees it: the "copia e cola" code, its QR image and when it expires. */
export const PIX_CHARGE = {
  type: 'object',
  required: ['qrCode', 'expiresAt'],
  additionalProperties: false,
  properties: {
    qrCode: { type: 'string', minLength: 1, maxLength: 2000 },
    qrCodeBase64: { type: 'string', maxLength: 200000 },
    ticketUrl: { type: 'string', maxLength: 2000 },
    expiresAt: TIMESTAMP,
  },
} as const;

/** A payment (a wallet top-up) as payments reports it to the gateway. */
export const PAYMENT = {
  type: 'object',
  required: ['paymentId', 'memberId', 'amountCentavos', 'provider', 'method', 'status', 'createdAt'],
  additionalProperties: false,
  properties: {
    paymentId: ID,
    memberId: ID,
    amountCentavos: POSITIVE_CENTAVOS,
    provider: PAYMENT_PROVIDER,
    method: PAYMENT_METHOD,
    status: { enum: ['pending', 'succeeded', 'failed', 'refunded'] },
    reason: REASON,
    pix: PIX_CHARGE,
    createdAt: TIMESTAMP,
    updatedAt: TIMESTAMP,
  },
} as const;

/** A device id is also its MQTT username and a topic level, so it can hold no wildcard, space or `/`. */
export const DEVICE_ID = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } as const;
export const DEVICE_KIND = { enum: ['rfid-reader', 'court-panel', 'tablet'] } as const;
export const DEVICE_STATUS = { enum: ['online', 'offline', 'error'] } as const;
/** A device as the registry keeps it (never its credential). */
export const DEVICE = {
  type: 'object',
  required: ['deviceId', 'kind', 'enabled', 'createdAt', 'updatedAt'],
  properties: {
    deviceId: DEVICE_ID,
    kind: DEVICE_KIND,
    courtId: ID,
    enabled: { type: 'boolean' },
    /** What the device last reported, and when. */
    status: DEVICE_STATUS,
    lastSeenAt: TIMESTAMP,
    createdAt: TIMESTAMP,
    updatedAt: TIMESTAMP,
  },
} as const;
/**
 * What a device is, from v2 of the device messages on: v1's kinds and a court's camera (its encoder
 * reads its stream on `camera/<deviceId>/stream`). A v1 message never carries a camera: iot-bridge
 * answers v1 with v1's kinds only.
 */
export const DEVICE_KIND_V2 = { enum: [...DEVICE_KIND.enum, 'camera'] } as const;
/** {@link DEVICE} with the kinds of {@link DEVICE_KIND_V2}. */
export const DEVICE_V2 = {
  ...DEVICE,
  properties: { ...DEVICE.properties, kind: DEVICE_KIND_V2 },
} as const;

/** Where notifications can reach a member, and the providers behind each channel. */
export const NOTIFICATION_CHANNEL = { enum: ['whatsapp', 'push', 'email', 'sms'] } as const;
export const NOTIFICATION_PROVIDER = { enum: ['twilio', 'whatsapp-cloud', 'fcm', 'smtp'] } as const;
/** What a member is told about (one rule and one template per kind). */
export const NOTIFICATION_KIND = {
  enum: [
    'checkin.completed',
    'checkin.rejected',
    'checkin.failed',
    'top-up.succeeded',
    'top-up.failed',
    'session.receipt',
    'announcement',
  ],
} as const;
/**
 * What a member is told about, from v2 of the notifications messages on: v1's kinds and a calendar
 * connection broken (`calendar.broken`), a booking's calendar event put back after a change in Google
 * (`calendar.restored`) and a court clip ready to watch (`highlight.ready`). A v1 message never carries
 * these: notifications answers v1 with v1's kinds only.
 */
export const NOTIFICATION_KIND_V2 = {
  enum: [...NOTIFICATION_KIND.enum, 'calendar.broken', 'calendar.restored', 'highlight.ready'],
} as const;
/** A BCP 47 locale the club writes templates in (`pt-BR` first). */
export const LOCALE = { type: 'string', pattern: '^[a-z]{2}(-[A-Z]{2})?$' } as const;
/** A wall-clock time of day in the member's time zone, `HH:MM`. */
export const TIME_OF_DAY = { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' } as const;

/** A member's notification settings as notifications keeps them (personal data: only to the member and their club's staff). */
export const NOTIFICATION_PREFERENCES = {
  type: 'object',
  required: ['memberId', 'channels', 'locale', 'timeZone', 'consents', 'pushDevices'],
  additionalProperties: false,
  properties: {
    memberId: ID,
    /** E.164, e.g. `+5511987654321`. */
    phone: { type: 'string', maxLength: 16 },
    email: { type: 'string', maxLength: 254 },
    /** In order of preference; a channel without consent or address is skipped. */
    channels: { type: 'array', items: NOTIFICATION_CHANNEL, maxItems: 4, uniqueItems: true },
    locale: LOCALE,
    /** IANA time zone the quiet hours are read in. */
    timeZone: { type: 'string', minLength: 1, maxLength: 64 },
    quietHours: {
      type: 'object',
      required: ['start', 'end'],
      additionalProperties: false,
      properties: { start: TIME_OF_DAY, end: TIME_OF_DAY },
    },
    consents: {
      type: 'array',
      items: {
        type: 'object',
        required: ['channel', 'granted', 'source', 'recordedAt'],
        additionalProperties: false,
        properties: {
          channel: NOTIFICATION_CHANNEL,
          granted: { type: 'boolean' },
          /** How it was given or withdrawn: the app, a WhatsApp reply (`SAIR`/`STOP`), staff. */
          source: { enum: ['app', 'whatsapp-reply', 'staff'] },
          recordedAt: TIMESTAMP,
        },
      },
    },
    /** FCM registration tokens, shown only by their last characters. */
    pushDevices: {
      type: 'array',
      items: {
        type: 'object',
        required: ['tokenSuffix', 'registeredAt'],
        additionalProperties: false,
        properties: { tokenSuffix: { type: 'string', maxLength: 8 }, registeredAt: TIMESTAMP },
      },
    },
  },
} as const;

/** A delivery as staff see it: what, to whom (member id only), where it stands, how many attempts. */
/**
 * A position in a club's deliveries, newest first: the last row's creation instant in microseconds and
 * its id (`2026-12-02T04:21:46.009123Z_<uuid>`).
 */
export const DELIVERIES_CURSOR = {
  type: 'string',
  pattern:
    '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
} as const;

export const DELIVERY = {
  type: 'object',
  required: ['deliveryId', 'memberId', 'kind', 'status', 'attempts', 'createdAt', 'updatedAt'],
  additionalProperties: false,
  properties: {
    deliveryId: UUID,
    memberId: ID,
    kind: NOTIFICATION_KIND,
    status: { enum: ['pending', 'sent', 'delivered', 'read', 'failed'] },
    /** The route tried last (or now). */
    channel: NOTIFICATION_CHANNEL,
    provider: NOTIFICATION_PROVIDER,
    attempts: { type: 'integer', minimum: 0 },
    reason: REASON,
    createdAt: TIMESTAMP,
    updatedAt: TIMESTAMP,
  },
} as const;

/** {@link DELIVERY} with the kinds of {@link NOTIFICATION_KIND_V2}. */
export const DELIVERY_V2 = {
  ...DELIVERY,
  properties: { ...DELIVERY.properties, kind: NOTIFICATION_KIND_V2 },
} as const;

/** A club's words for one kind in one locale (Handlebars: `{{court}}`, `{{#if unpaid}}…{{/if}}`). */
export const NOTIFICATION_TEMPLATE = {
  type: 'object',
  required: ['kind', 'locale', 'title', 'body'],
  additionalProperties: false,
  properties: {
    kind: NOTIFICATION_KIND,
    locale: LOCALE,
    /** 0 for the platform's default (the club has not written its own). */
    version: { type: 'integer', minimum: 0 },
    title: { type: 'string', minLength: 1, maxLength: 200 },
    body: { type: 'string', minLength: 1, maxLength: 4000 },
    /** The WhatsApp template approved for business-initiated messages, with the variables filling its parameters. */
    whatsapp: {
      type: 'object',
      required: ['name', 'parameters'],
      additionalProperties: false,
      properties: {
        name: { type: 'string', pattern: '^[a-z0-9_]{1,512}$' },
        parameters: { type: 'array', maxItems: 10, items: { type: 'string', minLength: 1, maxLength: 40 } },
      },
    },
    /** The variables the kind offers. */
    variables: { type: 'array', items: { type: 'string' } },
    savedBy: ID,
    savedAt: TIMESTAMP,
  },
} as const;

/** {@link NOTIFICATION_TEMPLATE} with the kinds of {@link NOTIFICATION_KIND_V2}. */
export const NOTIFICATION_TEMPLATE_V2 = {
  ...NOTIFICATION_TEMPLATE,
  properties: { ...NOTIFICATION_TEMPLATE.properties, kind: NOTIFICATION_KIND_V2 },
} as const;

/** An announcement to a club's consenting members and how far it got. */
export const ANNOUNCEMENT = {
  type: 'object',
  required: [
    'announcementId',
    'title',
    'text',
    'status',
    'total',
    'planned',
    'progress',
    'requestedBy',
    'createdAt',
  ],
  additionalProperties: false,
  properties: {
    announcementId: UUID,
    title: { type: 'string', minLength: 1, maxLength: 100 },
    text: { type: 'string', minLength: 1, maxLength: 1000 },
    /** `planning` while members are still being added, `planned` once every one has a delivery. */
    status: { enum: ['planning', 'planned'] },
    /** Consenting members in the segment when it started. */
    total: { type: 'integer', minimum: 0 },
    /** Members given a delivery so far. */
    planned: { type: 'integer', minimum: 0 },
    /** Deliveries per status. */
    progress: {
      type: 'object',
      required: ['pending', 'sent', 'delivered', 'read', 'failed'],
      additionalProperties: false,
      properties: {
        pending: { type: 'integer', minimum: 0 },
        sent: { type: 'integer', minimum: 0 },
        delivered: { type: 'integer', minimum: 0 },
        read: { type: 'integer', minimum: 0 },
        failed: { type: 'integer', minimum: 0 },
      },
    },
    requestedBy: ID,
    createdAt: TIMESTAMP,
  },
} as const;

const E164 = { type: 'string', pattern: '^\\+[1-9][0-9]{7,14}$' } as const;

/**
 * A club's own account with a provider, secrets included, as its admin sets it. Only the command that
 * saves it carries one (gateway → notifications, which keeps it encrypted); nothing answers it back.
 */
export const TWILIO_ACCOUNT = {
  type: 'object',
  required: ['provider', 'accountSid', 'authToken', 'whatsappFrom', 'smsFrom'],
  additionalProperties: false,
  properties: {
    provider: { const: 'twilio' },
    accountSid: { type: 'string', pattern: '^AC[0-9a-f]{32}$' },
    authToken: { type: 'string', minLength: 8, maxLength: 256 },
    /** E.164 senders. */
    whatsappFrom: E164,
    smsFrom: E164,
    /** The club's approved WhatsApp templates: template name → Content SID (`HX…`). */
    contentSids: {
      type: 'object',
      maxProperties: 100,
      propertyNames: { pattern: '^[a-z0-9_]{1,512}$' },
      additionalProperties: { type: 'string', pattern: '^HX[0-9a-fA-F]{32}$' },
    },
  },
} as const;

export const WHATSAPP_CLOUD_ACCOUNT = {
  type: 'object',
  required: ['provider', 'accessToken', 'phoneNumberId', 'appSecret', 'verifyToken'],
  additionalProperties: false,
  properties: {
    provider: { const: 'whatsapp-cloud' },
    accessToken: { type: 'string', minLength: 8, maxLength: 1024 },
    phoneNumberId: { type: 'string', pattern: '^[0-9]{3,30}$' },
    appSecret: { type: 'string', minLength: 16, maxLength: 256 },
    verifyToken: { type: 'string', minLength: 8, maxLength: 256 },
  },
} as const;

export const FCM_ACCOUNT = {
  type: 'object',
  required: ['provider', 'projectId', 'clientEmail', 'privateKey'],
  additionalProperties: false,
  properties: {
    provider: { const: 'fcm' },
    projectId: { type: 'string', pattern: '^[a-z][a-z0-9-]{4,28}[a-z0-9]$' },
    clientEmail: { type: 'string', format: 'email', maxLength: 254 },
    /** The service account's key, PEM (PKCS#8). */
    privateKey: { type: 'string', minLength: 64, maxLength: 10_000 },
  },
} as const;

export const SMTP_ACCOUNT = {
  type: 'object',
  required: ['provider', 'host', 'port', 'secure', 'from'],
  additionalProperties: false,
  properties: {
    provider: { const: 'smtp' },
    host: { type: 'string', minLength: 1, maxLength: 253 },
    port: { type: 'integer', minimum: 1, maximum: 65_535 },
    /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
    secure: { type: 'boolean' },
    user: { type: 'string', minLength: 1, maxLength: 254 },
    pass: { type: 'string', minLength: 1, maxLength: 1024 },
    /** `"Club Name" <no-reply@club.example>` */
    from: { type: 'string', minLength: 3, maxLength: 320 },
  },
} as const;

export const PROVIDER_ACCOUNT = {
  oneOf: [TWILIO_ACCOUNT, WHATSAPP_CLOUD_ACCOUNT, FCM_ACCOUNT, SMTP_ACCOUNT],
} as const;

/**
 * A club's own account as anyone may see it: the settings that are not secrets, and who set them when.
 * The settings list every field that may be shown and nothing else, so a secret put in by mistake
 * fails validation on publish instead of reaching the gateway.
 */
export const PROVIDER_ACCOUNT_VIEW = {
  type: 'object',
  required: ['provider', 'updatedAt', 'updatedBy'],
  additionalProperties: false,
  properties: {
    provider: NOTIFICATION_PROVIDER,
    /** Absent when the account cannot be decrypted (see `unreadable`). */
    settings: {
      type: 'object',
      additionalProperties: false,
      properties: {
        accountSid: TWILIO_ACCOUNT.properties.accountSid,
        whatsappFrom: E164,
        smsFrom: E164,
        contentSids: TWILIO_ACCOUNT.properties.contentSids,
        phoneNumberId: WHATSAPP_CLOUD_ACCOUNT.properties.phoneNumberId,
        projectId: FCM_ACCOUNT.properties.projectId,
        clientEmail: FCM_ACCOUNT.properties.clientEmail,
        host: SMTP_ACCOUNT.properties.host,
        port: SMTP_ACCOUNT.properties.port,
        secure: SMTP_ACCOUNT.properties.secure,
        user: SMTP_ACCOUNT.properties.user,
        from: SMTP_ACCOUNT.properties.from,
      },
    },
    /** Why the account cannot be read: encrypted under a key this service no longer holds. */
    unreadable: REASON,
    updatedAt: TIMESTAMP,
    updatedBy: ID,
  },
} as const;

/** A booked court slot as calendar-sync and notifications need it: instants plus the club's time zone. */
export const BOOKING_SLOT = {
  bookingId: UUID,
  courtId: ID,
  /** The court's name as the club calls it. */
  courtName: { type: 'string', minLength: 1, maxLength: 200 },
  /** `member`: held for `memberId`; `block`: staff closed the court (`blockReason`). */
  kind: { enum: ['member', 'block'] },
  memberId: ID,
  blockReason: REASON,
  /** Start and end of the half-open slot `[startsAt, endsAt)`, ISO-8601 instants. */
  startsAt: TIMESTAMP,
  endsAt: TIMESTAMP,
  /** IANA zone the club reads its times in (`America/Sao_Paulo`). */
  timeZone: { type: 'string', minLength: 1, maxLength: 64 },
  /** Changes so far (1 when booked); a consumer keeps the highest it has seen. */
  version: { type: 'integer', minimum: 1 },
} as const;

/** Whose bookings a calendar connection or feed holds: one member's own, or every booking of the club. */
export const CALENDAR_SCOPE = { enum: ['member', 'club'] } as const;

/** A calendar connection as the gateway shows it: never a token. */
export const CALENDAR_CONNECTION = {
  type: 'object',
  required: ['connectionId', 'scope', 'status', 'calendarId', 'createdAt', 'createdBy', 'pendingBookings'],
  properties: {
    connectionId: UUID,
    scope: CALENDAR_SCOPE,
    /** The member whose bookings it holds (`scope: member`). */
    memberId: ID,
    /** `broken`: Google refused the grant (revoked, expired); the owner connects again. */
    status: { enum: ['active', 'broken', 'disconnected'] },
    /** The Google account that granted access. */
    accountEmail: { type: 'string', maxLength: 320 },
    /** The Google calendar written to (`primary` of a member; a calendar of its own for the club). */
    calendarId: { type: 'string', minLength: 1, maxLength: 1024 },
    brokenReason: REASON,
    createdAt: TIMESTAMP,
    createdBy: ID,
    /** Last completed sync back from Google. */
    lastSyncedAt: TIMESTAMP,
    /** Bookings whose Google event is not yet as the platform has it (retried with backoff). */
    pendingBookings: { type: 'integer', minimum: 0 },
  },
} as const;

/** What a connection's event looks like in Google (read back for the owner). */
export const CALENDAR_EVENT = {
  type: 'object',
  required: ['eventId', 'summary', 'startsAt', 'endsAt'],
  properties: {
    eventId: { type: 'string', minLength: 1, maxLength: 1024 },
    /** The booking the event stands for, when the platform wrote it. */
    bookingId: UUID,
    summary: { type: 'string', maxLength: 1024 },
    startsAt: TIMESTAMP,
    endsAt: TIMESTAMP,
    htmlLink: { type: 'string', maxLength: 2048 },
  },
} as const;

/** Who asks video for highlights (the gateway's principal): a member, or staff of the club. */
export const VIEWER = {
  type: 'object',
  required: ['subject', 'staff'],
  additionalProperties: false,
  properties: { subject: ID, staff: { type: 'boolean' } },
} as const;

/** A court highlight as its viewers see it (members who were on the court, and staff). */
export const HIGHLIGHT = {
  type: 'object',
  required: ['highlightId', 'courtId', 'cameraId', 'pressedAt', 'status', 'memberIds', 'createdAt'],
  additionalProperties: false,
  properties: {
    highlightId: UUID,
    courtId: ID,
    cameraId: DEVICE_ID,
    pressedAt: TIMESTAMP,
    /** `requested`: the vendor is cutting it; `ready`: playable; `failed`: no clip (see `reason`). */
    status: { enum: ['requested', 'ready', 'failed'] },
    /** Seconds, once ready. */
    durationSeconds: { type: 'number', exclusiveMinimum: 0 },
    memberIds: { type: 'array', items: ID, maxItems: 50 },
    /** Once ready, when asked for one highlight: an HLS URL carrying a signed token, valid until `expiresAt`. */
    playback: {
      type: 'object',
      required: ['url', 'expiresAt'],
      additionalProperties: false,
      properties: { url: { type: 'string', format: 'uri', maxLength: 4000 }, expiresAt: TIMESTAMP },
    },
    reason: REASON,
    createdAt: TIMESTAMP,
  },
} as const;
