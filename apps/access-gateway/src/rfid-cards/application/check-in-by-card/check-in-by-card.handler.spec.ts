import type { StartCheckInHandler } from '../../../check-in/application/start-check-in/start-check-in.handler';
import { CardBlockedError, CardNotFoundError, type RfidCard } from '../../domain/rfid-card';
import type { RfidCardsRepository } from '../ports/rfid-cards.repository.port';
import { CheckInByCardHandler } from './check-in-by-card.handler';

const cards: Record<string, RfidCard> = {
  '04AABBCCDD': { cardId: '04AABBCCDD', memberId: 'ana', active: true, updatedAt: '' },
  '04EEFF0011': { cardId: '04EEFF0011', memberId: 'bia', active: false, updatedAt: '' },
};

function setup() {
  const repo = {
    find: jest.fn(async (tenant: string, id: string) => (tenant === 'club-a' ? cards[id] : undefined)),
  } as unknown as RfidCardsRepository;
  const start = { execute: jest.fn(async () => ({ checkInId: 'id' })) };
  return { handler: new CheckInByCardHandler(repo, start as unknown as StartCheckInHandler), start };
}
const scan = (cardId: string, tenantId = 'club-a') => ({
  tenantId,
  readerId: 'door-1',
  scanId: 'scan-1',
  cardId,
  courtId: 'court-1',
});

describe('CheckInByCardHandler', () => {
  it("checks the card's member in by card (any spelling of the UID), named by reader and scan", async () => {
    const { handler, start } = setup();
    await handler.execute(scan('04aabbccdd'), {});
    expect(start.execute).toHaveBeenCalledWith(
      expect.objectContaining({
        memberId: 'ana',
        channel: 'rfid',
        topUpMethod: 'card',
        requestKey: 'rfid:door-1:scan-1',
      }),
      {},
    );
  });

  it("refuses an unknown card, another club's card and a blocked card, starting nothing", async () => {
    const { handler, start } = setup();
    await expect(handler.execute(scan('0499999999'), {})).rejects.toBeInstanceOf(CardNotFoundError);
    await expect(handler.execute(scan('04AABBCCDD', 'club-b'), {})).rejects.toBeInstanceOf(CardNotFoundError);
    await expect(handler.execute(scan('04EEFF0011'), {})).rejects.toBeInstanceOf(CardBlockedError);
    expect(start.execute).not.toHaveBeenCalled();
  });
});
