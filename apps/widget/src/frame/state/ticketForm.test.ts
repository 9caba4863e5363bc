import { describe, expect, it } from 'vitest';
import {
  emptyTicket,
  errorsFromDetails,
  firstInvalid,
  normalizeTicket,
  validateTicket,
} from './ticketForm';

const good = { name: 'Ana', email: 'ana@example.com', message: 'Do you ship to Spain?' };

describe('validateTicket', () => {
  it('accepts a complete form', () => {
    expect(validateTicket(good)).toEqual({});
  });

  it('requires every field, ignoring surrounding spaces', () => {
    expect(validateTicket(emptyTicket())).toEqual({
      name: 'required',
      email: 'required',
      message: 'required',
    });
    expect(validateTicket({ ...good, name: '   ' })).toEqual({ name: 'required' });
  });

  it('checks the email shape and the lengths the server allows', () => {
    expect(validateTicket({ ...good, email: 'ana@example' })).toEqual({ email: 'invalid' });
    expect(validateTicket({ ...good, email: 'ana @example.com' })).toEqual({ email: 'invalid' });
    expect(validateTicket({ ...good, email: ' Ana@Example.com ' })).toEqual({});
    expect(validateTicket({ ...good, name: 'x'.repeat(101) })).toEqual({ name: 'tooLong' });
    expect(validateTicket({ ...good, message: 'x'.repeat(5001) })).toEqual({ message: 'tooLong' });
    expect(validateTicket({ ...good, message: 'x'.repeat(5000) })).toEqual({});
  });

  it('names the first field to fix in form order', () => {
    expect(firstInvalid({ message: 'required', email: 'invalid' })).toBe('email');
    expect(firstInvalid({})).toBeUndefined();
  });
});

describe('normalizeTicket', () => {
  it('trims, lowercases the email and normalizes line breaks like the server', () => {
    expect(
      normalizeTicket({ name: ' Ana ', email: ' Ana@Example.COM', message: ' hi\r\nthere ' }),
    ).toEqual({ name: 'Ana', email: 'ana@example.com', message: 'hi\nthere' });
  });
});

describe('errorsFromDetails', () => {
  it('puts the server’s field problems on the matching fields', () => {
    expect(
      errorsFromDetails({ email: 'must be an email address' }, { ...good, email: 'a@b.c' }),
    ).toEqual({ fields: { email: 'invalid' }, other: false });
    expect(errorsFromDetails({ name: 'must not be empty' }, { ...good, name: '' })).toEqual({
      fields: { name: 'required' },
      other: false,
    });
  });

  it('reports problems that are not about a field separately', () => {
    expect(errorsFromDetails({ _: 'expected an object' }, good)).toEqual({
      fields: {},
      other: true,
    });
    expect(errorsFromDetails(undefined, good)).toEqual({ fields: {}, other: true });
    expect(errorsFromDetails({ message: 'too long', extra: 'nope' }, good)).toEqual({
      fields: { message: 'invalid' },
      other: true,
    });
  });
});
