import { DISPLAY_CHARS } from './device-answer';
import { CHECK_IN_REFUSAL_ANSWERS } from './refusal-answers';

describe("the gateway's check-in refusals on any device", () => {
  it('are red or yellow denials, each reason its own text, short enough for a display', () => {
    const answers = Object.values(CHECK_IN_REFUSAL_ANSWERS);
    for (const answer of answers) {
      expect(answer.status).toBe('denied');
      expect(answer.message.length).toBeLessThanOrEqual(DISPLAY_CHARS);
    }
    expect(new Set(answers.map((a) => a.message)).size).toBe(answers.length);
  });

  it('tell a member already on a court to check out first, and one whose check-in runs to wait', () => {
    expect(CHECK_IN_REFUSAL_ANSWERS['already-on-court']).toEqual({
      status: 'denied',
      message: 'Sócio já em quadra, faça o check-out',
      color: 'red',
    });
    expect(CHECK_IN_REFUSAL_ANSWERS['check-in-in-progress'].color).toBe('yellow');
  });
});
