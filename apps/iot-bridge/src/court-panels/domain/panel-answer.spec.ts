import { AccessPanelRequestRefusedV1 } from '@sportclub/contracts';
import { DISPLAY_CHARS } from '../../shared/domain/device-answer';
import { REFUSAL_ANSWERS } from '../../rfid/domain/scan-answer';
import { PANEL_ANSWERS, PANEL_REFUSAL_ANSWERS, type PanelRefusalCode } from './panel-answer';

describe('panel answers', () => {
  it('are denials short enough for the panel, in pt-BR', () => {
    for (const answer of [...Object.values(PANEL_ANSWERS), ...Object.values(PANEL_REFUSAL_ANSWERS)]) {
      expect(answer.status).toBe('denied');
      expect(answer.message.length).toBeLessThanOrEqual(DISPLAY_CHARS);
    }
  });

  it("have a message of their own for every refusal code of the gateway's contract", () => {
    const codes = (AccessPanelRequestRefusedV1.schema.properties as { code: { enum: PanelRefusalCode[] } })
      .code.enum;
    expect(Object.keys(PANEL_REFUSAL_ANSWERS).sort()).toEqual([...codes].sort());
    expect(new Set(codes.map((code) => PANEL_REFUSAL_ANSWERS[code].message)).size).toBe(codes.length);
  });

  it("read a check-in's refusal as a door does, and name a check-out with nothing to close", () => {
    expect(PANEL_REFUSAL_ANSWERS['member-suspended']).toBe(REFUSAL_ANSWERS['member-suspended']);
    expect(PANEL_REFUSAL_ANSWERS['not-a-member']).toBe(REFUSAL_ANSWERS['not-a-member']);
    expect(PANEL_REFUSAL_ANSWERS['member-suspended'].message).toBe('Acesso negado: sócio suspenso');
    expect(PANEL_REFUSAL_ANSWERS['no-open-session']).toEqual({
      status: 'denied',
      message: 'Nenhuma sessão aberta nesta quadra',
      color: 'red',
    });
  });
});
