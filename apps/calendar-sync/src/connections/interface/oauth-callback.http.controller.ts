import { Controller, Get, Logger, Query, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { GrantRevokedError } from '../../shared/application/ports/google.port';
import {
  CompleteConnectionHandler,
  ConsentRefusedError,
} from '../application/complete-connection/complete-connection.handler';

interface PageResponse {
  status(code: number): PageResponse;
  setHeader(name: string, value: string): void;
  end(body: string): void;
}

/**
 * Where Google sends the user back after the consent screen (the OAuth client's redirect URI,
 * `…/oauth/google/callback?code=…&state=…` or `?error=…&state=…`). The browser gets a short page: 200
 * connected, 400 for a state that is unknown, expired or already used (nothing is connected), 502 when
 * Google would not trade the code.
 */
@ApiExcludeController()
@Controller('oauth/google')
export class OAuthCallbackHttpController {
  private readonly logger = new Logger('OAuthCallback');

  constructor(private readonly complete: CompleteConnectionHandler) {}

  @Get('callback')
  async callback(@Query() query: Record<string, unknown>, @Res() res: PageResponse): Promise<void> {
    const text = (v: unknown) => (typeof v === 'string' && v.length <= 2048 ? v : undefined);
    const state = text(query.state);
    if (!state) return page(res, 400, 'Not connected', 'The sign-in link is missing its state.');
    try {
      await this.complete.execute({ state, code: text(query.code), error: text(query.error) });
      page(
        res,
        200,
        'Google Calendar connected',
        'Your court bookings will appear in your calendar. You can close this window.',
      );
    } catch (error) {
      if (error instanceof ConsentRefusedError || error instanceof GrantRevokedError) {
        return page(res, 400, 'Not connected', `${error.message}. Start again from the app.`);
      }
      this.logger.warn(`completing a connection: ${(error as Error).message}`);
      page(
        res,
        502,
        'Not connected',
        'Google could not be reached to finish connecting. Start again from the app.',
      );
    }
  }
}

function page(res: PageResponse, status: number, title: string, message: string): void {
  const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  res.status(status);
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head>` +
      `<body><h1>${escape(title)}</h1><p>${escape(message)}</p></body></html>\n`,
  );
}
