import { DISPLAY_CHARS } from '../../shared/domain/device-answer';
import { PANEL_ANSWERS } from './panel-answer';

describe('panel answers', () => {
  it('are denials short enough for the panel, in pt-BR', () => {
    for (const answer of Object.values(PANEL_ANSWERS)) {
      expect(answer.status).toBe('denied');
      expect(answer.message.length).toBeLessThanOrEqual(DISPLAY_CHARS);
    }
  });
});
