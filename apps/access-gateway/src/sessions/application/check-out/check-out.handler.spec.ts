import type { Transactions } from '@sportclub/service-kit';
import type { AccessVendorPort } from '../../../access-vendor/application/ports/access-vendor.port';
import { AccessVendorFailedError, SessionNotFoundError, type Session } from '../../domain/session';
import type { CloseSessionHandler } from '../close-session/close-session.handler';
import type { SessionsRepository } from '../ports/sessions.repository.port';
import { CheckOutHandler } from './check-out.handler';

const open: Session = {
  sessionId: 'ses_1',
  checkInId: 'chk-1',
  memberId: 'ana',
  courtId: 'court-1',
  startedAt: '2026-11-30T10:00:00.000Z',
  endedAt: null,
};

function setup(vendor: Partial<AccessVendorPort> = {}) {
  const sessions = {
    find: jest.fn(async (tenant: string, id: string) =>
      tenant === 'club-a' && id === 'ses_1' ? open : undefined,
    ),
    findOpen: jest.fn(async () => open),
  } as unknown as SessionsRepository;
  const closeVendor = jest.fn(vendor.closeSession ?? (async () => ({ consumptionCentavos: 700 })));
  const close = { execute: jest.fn(async () => ({ ...open, endedAt: '2026-11-30T11:00:00.000Z' })) };
  const handler = new CheckOutHandler(
    sessions,
    { openCourt: jest.fn(), closeSession: closeVendor },
    { run: (work) => work({} as never), savepoint: (tx, work) => work(tx) } as Transactions,
    close as unknown as CloseSessionHandler,
  );
  return { handler, closeVendor, close };
}

describe('CheckOutHandler', () => {
  it('closes at the vendor first, then here with what the vendor recorded', async () => {
    const { handler, closeVendor, close } = setup();
    const ended = await handler.execute({ tenantId: 'club-a', memberId: 'ana', staff: false }, 'ses_1');
    expect(ended.endedAt).not.toBeNull();
    expect(closeVendor).toHaveBeenCalledWith({ tenantId: 'club-a', sessionId: 'ses_1' });
    expect(close.execute).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ tenantId: 'club-a', sessionId: 'ses_1', vendorConsumptionCentavos: 700 }),
    );
  });

  it('finds no session of another member (for a member) or of another club, closing nothing', async () => {
    const { handler, closeVendor } = setup();
    await expect(
      handler.execute({ tenantId: 'club-a', memberId: 'bia', staff: false }, 'ses_1'),
    ).rejects.toBeInstanceOf(SessionNotFoundError);
    await expect(
      handler.execute({ tenantId: 'club-b', memberId: 'ana', staff: true }, 'ses_1'),
    ).rejects.toBeInstanceOf(SessionNotFoundError);
    expect(closeVendor).not.toHaveBeenCalled();
  });

  it('keeps the session open here when the vendor fails to close it', async () => {
    const { handler, close } = setup({
      closeSession: async () => {
        throw new Error('access vendor answered 503');
      },
    });
    await expect(
      handler.execute({ tenantId: 'club-a', memberId: 'ana', staff: true }, 'ses_1'),
    ).rejects.toBeInstanceOf(AccessVendorFailedError);
    expect(close.execute).not.toHaveBeenCalled();
  });
});
