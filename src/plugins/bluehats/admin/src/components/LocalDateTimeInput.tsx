import * as React from 'react';
import { Field, TextInput } from '@strapi/design-system';
import { useField, useForm } from '@strapi/strapi/admin';
import { zoneOf } from '../../../../../domain/edition-calendar';
import { describeLocal, formatLocalInput, parseLocalDateTime } from '../../../../../domain/local-datetime';

/** What the content manager hands a custom field's input (the parts used here). */
export interface CustomInputProps {
  name: string;
  label: string;
  hint?: React.ReactNode;
  required?: boolean;
  disabled?: boolean;
  attribute: { options?: { defaultTime?: string } };
}

/**
 * An instant of the edition typed as editors write it, « 20/11/2027 23:59 » (or « 23h59 », or the date
 * alone with the field's `options.defaultTime`), read in the edition's time zone — not the browser's —
 * and stored as the UTC instant. The zone and the instant, in words, are shown under the field.
 */
const LocalDateTimeInput = ({ name, label, hint, required, disabled, attribute }: CustomInputProps) => {
  const field = useField<string | null>(name);
  const timeZone = useForm('LocalDateTimeInput', (state) => (state.values as { timeZone?: string }).timeZone);
  const zone = zoneOf({ timeZone });
  const [text, setText] = React.useState(() => formatLocalInput(field.value, zone));
  const [problem, setProblem] = React.useState<string | null>(null);
  const editing = React.useRef(false);

  // A value loaded, reset or read in another zone is shown again, unless the editor is typing.
  React.useEffect(() => {
    if (!editing.current) setText(formatLocalInput(field.value, zone));
  }, [field.value, zone]);

  const commit = () => {
    editing.current = false;
    if (text.trim() === '') {
      setProblem(null);
      if (field.value) field.onChange(name, null);
      return;
    }
    const parsed = parseLocalDateTime(text, zone, attribute.options?.defaultTime);
    if (!parsed.ok) {
      setProblem(parsed.message);
      return;
    }
    setProblem(null);
    setText(formatLocalInput(parsed.iso, zone));
    if (parsed.iso !== field.value) field.onChange(name, parsed.iso);
  };

  const reading = field.value ? `${zone} — ${describeLocal(field.value, zone)}` : `${zone} — jj/mm/aaaa hh:mm`;
  return (
    <Field.Root
      name={name}
      required={required}
      error={problem ?? field.error}
      hint={
        hint ? (
          <>
            {reading}. {hint}
          </>
        ) : (
          reading
        )
      }
    >
      <Field.Label>{label}</Field.Label>
      <TextInput
        value={text}
        placeholder="jj/mm/aaaa hh:mm"
        disabled={disabled}
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => {
          editing.current = true;
          setText(e.target.value);
        }}
        onBlur={commit}
        onKeyDown={(e: React.KeyboardEvent<HTMLInputElement>) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          }
        }}
      />
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
};

export default LocalDateTimeInput;
