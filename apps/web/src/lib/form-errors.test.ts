import type { FormInstance } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-client';
import { fieldPath, showApiErrors } from './form-errors';

const invalid = (errors: { field: string; message: string }[]) =>
  new ApiError({ statusCode: 400, code: 'VALIDATION_FAILED', message: 'Dữ liệu không hợp lệ.', errors: errors.map((e) => ({ ...e, rule: 'x' })) });

function fakeForm() {
  const setFields = vi.fn();
  return { form: { setFields } as unknown as FormInstance, setFields };
}

describe('fieldPath', () => {
  it('splits dotted names and array indexes', () => {
    expect(fieldPath('email')).toEqual(['email']);
    expect(fieldPath('realUsers.periodTo')).toEqual(['realUsers', 'periodTo']);
    expect(fieldPath('supportingDocuments[2].url')).toEqual(['supportingDocuments', 2, 'url']);
  });
});

describe('showApiErrors', () => {
  it('puts a nested field error on the nested field', () => {
    const { form, setFields } = fakeForm();
    const rest = showApiErrors(form, invalid([{ field: 'operatingProduct.url', message: 'URL sai' }]), ['operatingProduct.url', 'operatingProduct.description']);
    expect(rest).toBeNull();
    expect(setFields).toHaveBeenCalledWith([{ name: ['operatingProduct', 'url'], errors: ['URL sai'] }]);
  });

  it('puts an error inside a list on the field of that row', () => {
    const { form, setFields } = fakeForm();
    showApiErrors(form, invalid([{ field: 'supportingDocuments[1].title', message: 'Thiếu tên' }]), ['supportingDocuments[0].title', 'supportingDocuments[1].title']);
    expect(setFields).toHaveBeenCalledWith([{ name: ['supportingDocuments', 1, 'title'], errors: ['Thiếu tên'] }]);
  });

  it('uses the closest known field, and reports the errors of unknown fields above the form', () => {
    const { form, setFields } = fakeForm();
    const rest = showApiErrors(
      form,
      invalid([
        { field: 'email', message: 'Email sai' },
        { field: 'email', message: 'Quá dài' },
        { field: 'realUsers', message: 'Cần nguồn số liệu' },
      ]),
      ['email'],
    );
    expect(setFields).toHaveBeenCalledWith([{ name: ['email'], errors: ['Email sai', 'Quá dài'] }]);
    expect(rest).toBe('Dữ liệu không hợp lệ. Cần nguồn số liệu');
  });

  it('returns the message of an error that is not the API’s', () => {
    const { form } = fakeForm();
    expect(showApiErrors(form, new Error('offline'), ['email'])).toBe('offline');
  });
});
