import type { PrechatField } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import {
  canAdd,
  MAX_PRECHAT_FIELDS,
  newFieldId,
  prechatBody,
  prechatErrors,
  prechatReducer,
  samePrechat,
} from './prechatEditor';

const name: PrechatField = { id: 'name', kind: 'name', label: '', required: true };
const order: PrechatField = {
  id: 'question-1',
  kind: 'text',
  label: 'Order number',
  required: false,
};

describe('prechatReducer', () => {
  it('adds built-in questions once, required by default, and custom ones many times', () => {
    let fields = prechatReducer([], { type: 'add', kind: 'name' });
    expect(fields).toEqual([name]);
    expect(prechatReducer(fields, { type: 'add', kind: 'name' })).toBe(fields);
    fields = prechatReducer(fields, { type: 'add', kind: 'text' });
    fields = prechatReducer(fields, { type: 'add', kind: 'text' });
    expect(fields.map((f) => f.id)).toEqual(['name', 'question-1', 'question-2']);
    expect(fields[1]?.required).toBe(false);
  });

  it('stops at the protocol’s limit', () => {
    let fields: readonly PrechatField[] = [];
    for (let i = 0; i < MAX_PRECHAT_FIELDS + 2; i += 1) {
      fields = prechatReducer(fields, { type: 'add', kind: 'text' });
    }
    expect(fields).toHaveLength(MAX_PRECHAT_FIELDS);
    expect(canAdd(fields, 'email')).toBe(false);
  });

  it('edits a label and the required flag, returning the same list when nothing changes', () => {
    const fields = [name, order];
    const labelled = prechatReducer(fields, { type: 'label', id: 'name', label: 'Your name' });
    expect(labelled[0]?.label).toBe('Your name');
    expect(labelled[1]).toBe(order);
    expect(prechatReducer(labelled, { type: 'label', id: 'name', label: 'Your name' })).toBe(
      labelled,
    );
    const optional = prechatReducer(fields, { type: 'required', id: 'name', required: false });
    expect(optional[0]?.required).toBe(false);
    expect(prechatReducer(fields, { type: 'label', id: 'missing', label: 'x' })).toBe(fields);
  });

  it('moves questions up and down within bounds', () => {
    const fields = [name, order];
    expect(prechatReducer(fields, { type: 'move', id: 'question-1', by: -1 })).toEqual([
      order,
      name,
    ]);
    expect(prechatReducer(fields, { type: 'move', id: 'name', by: -1 })).toBe(fields);
    expect(prechatReducer(fields, { type: 'move', id: 'question-1', by: 1 })).toBe(fields);
  });

  it('removes and resets', () => {
    expect(prechatReducer([name, order], { type: 'remove', id: 'name' })).toEqual([order]);
    const fields = [name];
    expect(prechatReducer(fields, { type: 'remove', id: 'nope' })).toBe(fields);
    expect(prechatReducer([name], { type: 'reset', fields: [order] })).toEqual([order]);
  });
});

describe('ids', () => {
  it('never reuses an id in the list', () => {
    expect(newFieldId([order], 'text')).toBe('question-2');
    expect(newFieldId([{ ...order, id: 'email' }], 'email')).toBe('email-1');
  });
});

describe('saving', () => {
  it('trims labels and compares ignoring surrounding spaces', () => {
    const typed = { ...order, label: ' Order number  ' };
    expect(prechatBody([typed])[0]?.label).toBe('Order number');
    expect(samePrechat([typed], [order])).toBe(true);
    expect(samePrechat([order, name], [name, order])).toBe(false);
  });

  it('maps server details onto the questions that were sent', () => {
    const errors = prechatErrors(
      {
        'prechatFields.1.label': 'a custom field needs a label',
        prechatFields: 'name, email and department may appear once each',
        'allowedOrigins.0': 'must be an origin',
        'prechatFields.7.id': 'out of range',
      },
      [name, order],
    );
    expect(errors.byField).toEqual({ 'question-1': 'a custom field needs a label' });
    expect(errors.list).toBe('name, email and department may appear once each');
  });
});
