import type { PrechatField } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import {
  askedFields,
  firstPrechatError,
  prechatDefaults,
  prechatErrorsFromDetails,
  prechatInput,
  validatePrechat,
} from './prechat';

const fields: PrechatField[] = [
  { id: 'name', kind: 'name', label: '', required: true },
  { id: 'email', kind: 'email', label: '', required: true },
  { id: 'dept', kind: 'department', label: 'Topic', required: false },
  { id: 'order', kind: 'text', label: 'Order number', required: false },
];
const departments = [
  { id: 'sales', name: 'Sales' },
  { id: 'support', name: 'Support' },
];

describe('pre-chat survey', () => {
  it('asks about the department only when there is a choice', () => {
    expect(askedFields(fields, departments).map((f) => f.id)).toEqual([
      'name',
      'email',
      'dept',
      'order',
    ]);
    expect(askedFields(fields, [departments[0]!]).map((f) => f.id)).toEqual([
      'name',
      'email',
      'order',
    ]);
    expect(askedFields(undefined, departments)).toEqual([]);
  });

  it('starts with the name and email the visitor already gave', () => {
    const visitor = { id: 'v', code: '#1', name: 'Ana', email: 'ana@example.com', verified: [] };
    expect(prechatDefaults(fields, visitor)).toEqual({
      name: 'Ana',
      email: 'ana@example.com',
      dept: '',
      order: '',
    });
    expect(prechatDefaults(fields, null).name).toBe('');
  });

  it('requires the required fields and checks the email’s shape', () => {
    expect(validatePrechat(fields, { name: '  ', email: 'ana@', dept: '', order: '' })).toEqual({
      name: 'required',
      email: 'invalid',
    });
    expect(validatePrechat(fields, { name: 'Ana', email: 'ana@example.com' })).toEqual({});
    expect(
      validatePrechat(fields, { name: 'Ana', email: 'a@b.co', order: 'x'.repeat(1001) }),
    ).toEqual({
      order: 'tooLong',
    });
  });

  it('puts the cursor on the first field with a problem, in the order asked', () => {
    expect(firstPrechatError(fields, { order: 'tooLong', email: 'invalid' })).toBe('email');
    expect(firstPrechatError(fields, {})).toBeUndefined();
  });

  it('sends the department as departmentId and the other answers by field id', () => {
    expect(
      prechatInput(fields, {
        name: ' Ana ',
        email: 'Ana@Example.com',
        dept: 'support',
        order: '',
      }),
    ).toEqual({
      departmentId: 'support',
      prechat: { name: 'Ana', email: 'ana@example.com' },
    });
    expect(prechatInput(fields, {})).toEqual({});
  });

  it('shows the server’s refusals next to their fields', () => {
    expect(
      prechatErrorsFromDetails(fields, { 'prechat.email': 'must be an email', departmentId: 'x' }),
    ).toEqual({ errors: { email: 'invalid', dept: 'invalid' }, other: false });
    expect(prechatErrorsFromDetails(fields, { invitationId: 'x' })).toEqual({
      errors: {},
      other: true,
    });
  });
});
