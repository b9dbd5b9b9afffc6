import { describe, expect, it } from 'vitest';
import { spellDigits, twimlMenu, twimlMessage, twimlSay } from './twiml.js';

describe('TwiML', () => {
  it('escapes text inside Message and Say', () => {
    expect(twimlMessage('Acknowledged #4 <db> & "cache"')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Acknowledged #4 &lt;db&gt; &amp; &quot;cache&quot;</Message></Response>',
    );
    expect(twimlSay('Bye')).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Say>Bye</Say><Hangup/></Response>');
  });

  it('builds a one-key menu that posts the key to the action URL', () => {
    const xml = twimlMenu('Press 4 to acknowledge.', 'https://t.example.com/gather?n=1&x=2', 'Goodbye.');
    expect(xml).toContain(
      '<Gather numDigits="1" action="https://t.example.com/gather?n=1&amp;x=2" method="POST" timeout="10">',
    );
    expect(xml).toContain('<Say>Press 4 to acknowledge.</Say>');
    expect(xml).toMatch(/<\/Gather><Say>Goodbye.<\/Say><Hangup\/><\/Response>$/);
  });

  it.each([
    ['123456', '1, 2, 3, 4, 5, 6'],
    ['7', '7'],
  ])('spells %s as %s', (digits, spoken) => {
    expect(spellDigits(digits)).toBe(spoken);
  });
});
