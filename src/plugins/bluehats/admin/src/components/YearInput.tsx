import * as React from 'react';
import { Field, TextInput } from '@strapi/design-system';
import { useField } from '@strapi/strapi/admin';
import type { CustomInputProps } from './LocalDateTimeInput';

/** A year as it is written, « 2027 »: the stock number input groups digits (« 2 027 ») in French. */
const YearInput = ({ name, label, hint, required, disabled }: CustomInputProps) => {
  const field = useField<number | null>(name);
  return (
    <Field.Root name={name} required={required} error={field.error} hint={hint}>
      <Field.Label>{label}</Field.Label>
      <TextInput
        inputMode="numeric"
        maxLength={4}
        disabled={disabled}
        value={field.value === null || field.value === undefined ? '' : String(field.value)}
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => {
          const digits = e.target.value.replace(/\D/g, '').slice(0, 4);
          field.onChange(name, digits === '' ? null : Number(digits));
        }}
      />
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
};

export default YearInput;
