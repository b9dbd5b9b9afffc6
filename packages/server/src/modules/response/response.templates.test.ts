import { describe, expect, it } from 'vitest';
import { fillTemplate } from './response.templates.js';

const values = { title: 'Checkout is slow', severity: 'S2', service: 'Checkout' };

describe('fillTemplate', () => {
  it.each([
    ['{{title}} ({{severity}}) on {{service}}', 'Checkout is slow (S2) on Checkout'],
    ['spaces {{ title }}', 'spaces Checkout is slow'],
    ['twice {{service}}/{{service}}', 'twice Checkout/Checkout'],
    ['unknown {{eta}} and {{constructor}} stay', 'unknown {{eta}} and {{constructor}} stay'],
    ['no placeholders', 'no placeholders'],
  ])('%s', (body, expected) => {
    expect(fillTemplate(body, values)).toBe(expected);
  });
});
