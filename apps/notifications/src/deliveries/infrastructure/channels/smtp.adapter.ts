import { createHash } from 'node:crypto';
import { createTransport, type Transporter } from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import { isPermanentResponseCode, isTransientError, type NodemailerError } from 'nodemailer/lib/errors';
import type { ResilientCaller } from '@sportclub/resilience';
import {
  MessageRefusedError,
  RecipientUnreachableError,
  type ChannelProvider,
  type OutgoingMessage,
  type ProviderAcceptance,
} from '../../application/ports/channel-provider.port';
import type {
  ProviderCredentials,
  ProviderCredentialsPort,
} from '../../application/ports/provider-credentials.port';
import { ProviderOutageError, callProvider } from './provider-call';

export interface SmtpSettings {
  /** Timeouts, retries and the breaker per provider and tenant (vendor `smtp`). */
  caller: ResilientCaller;
  /** Host, port, TLS, login and sender per club (the platform's by default). */
  credentials: ProviderCredentialsPort;
  /** Connections kept open per SMTP account; default 3. */
  maxConnections?: number;
}

/** SMTP's size refusals (RFC 5321 552, RFC 1870): the message, not the mailbox. */
const TOO_BIG = 552;

/**
 * E-mail over SMTP with nodemailer: one pooled transport per distinct SMTP account, a plain-text
 * message (subject = title, text = body) whose Message-ID carries the attempt id. Refusals are read
 * from the reply code: a permanent (5yz) refusal at RCPT TO is the address, 552 the message, a 4yz
 * reply or a dropped connection a transient outage, and the rest (authentication, the sender refused)
 * an outage retrying will not fix.
 */
export class SmtpAdapter implements ChannelProvider {
  readonly provider = 'smtp' as const;
  readonly channels = ['email'] as const;
  private readonly transports = new Map<string, Transporter>();

  constructor(private readonly settings: SmtpSettings) {}

  async send(message: OutgoingMessage): Promise<ProviderAcceptance> {
    const account = await this.settings.credentials.get(message.tenantId, 'smtp');
    const transport = this.transport(account);
    const info = await callProvider(
      this.settings.caller,
      { vendor: 'smtp', tenant: message.tenantId, operation: 'send' },
      () =>
        transport.sendMail({
          from: account.from,
          to: message.to,
          subject: message.title,
          text: message.body,
          messageId: `<${message.attemptId}@${senderDomain(account.from)}>`,
          headers: { 'X-Delivery-Id': message.deliveryId },
        }),
      classify,
    );
    return { providerMessageId: info.messageId };
  }

  /** Closes every pooled connection. */
  close(): void {
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
  }

  private transport(account: ProviderCredentials['smtp']): Transporter {
    const key = createHash('sha256')
      .update(JSON.stringify([account.host, account.port, account.secure, account.user, account.pass]))
      .digest('hex');
    const existing = this.transports.get(key);
    if (existing) return existing;
    const transport = createTransport({
      pool: true,
      maxConnections: this.settings.maxConnections ?? 3,
      host: account.host,
      port: account.port,
      secure: account.secure,
      ...(account.user && { auth: { user: account.user, pass: account.pass ?? '' } }),
      // Below the resilience layer's 10 s attempt timeout, so a dead server frees its connection too.
      connectionTimeout: 5_000,
      greetingTimeout: 5_000,
      socketTimeout: 10_000,
    });
    this.transports.set(key, transport);
    return transport;
  }
}

/** The domain of the sender address (`"Club" <no-reply@club.example>` → `club.example`). */
function senderDomain(from: string): string {
  const [first] = addressparser(from, { flatten: true });
  return first?.address?.split('@')[1] || 'localhost';
}

/** nodemailer's error in the port's terms. */
function classify(error: unknown): RecipientUnreachableError | MessageRefusedError | ProviderOutageError {
  const e = error as NodemailerError;
  const reason = `smtp ${e.code ?? 'error'}: ${e.message}`.slice(0, 500);
  const code = e.responseCode;
  if (code && isPermanentResponseCode(code) && e.command === 'RCPT TO') {
    return new RecipientUnreachableError(reason, error);
  }
  if (code === TOO_BIG) return new MessageRefusedError(reason, error);
  // In the resilience layer's (HTTP) terms: a transient failure is a 503, a refused login a 401.
  const transient = isTransientError(e) || (code !== undefined && !isPermanentResponseCode(code));
  const status = transient ? 503 : e.code === 'EAUTH' || e.code === 'ENOAUTH' ? 401 : undefined;
  return new ProviderOutageError(reason, status, error);
}
