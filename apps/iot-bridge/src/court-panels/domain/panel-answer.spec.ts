import { AccessPanelRequestRefusedV1, VideoHighlightRefusedV1 } from '@sportclub/contracts';
import { DISPLAY_CHARS } from '../../shared/domain/device-answer';
import { REFUSAL_ANSWERS } from '../../rfid/domain/scan-answer';
import { PANEL_ANSWERS, PANEL_REFUSAL_ANSWERS, type PanelRefusalCode } from './panel-answer';

const codesOf = (definition: { schema: object }) =>
  (definition.schema as { properties: { code: { enum: PanelRefusalCode[] } } }).properties.code.enum;

describe('panel answers', () => {
  it('are denials short enough for the panel, in pt-BR', () => {
    for (const answer of [...Object.values(PANEL_ANSWERS), ...Object.values(PANEL_REFUSAL_ANSWERS)]) {
      expect(answer.status).toBe('denied');
      expect(answer.message.length).toBeLessThanOrEqual(DISPLAY_CHARS);
    }
  });

  it("have a message of their own for every refusal code of the gateway's and video's contracts", () => {
    const codes = [...codesOf(AccessPanelRequestRefusedV1), ...codesOf(VideoHighlightRefusedV1)];
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

  it('name a button press on a court with nothing recording', () => {
    expect(PANEL_REFUSAL_ANSWERS['no-recording']).toEqual({
      status: 'denied',
      message: 'Nenhuma gravação nesta quadra',
      color: 'red',
    });
  });
});
