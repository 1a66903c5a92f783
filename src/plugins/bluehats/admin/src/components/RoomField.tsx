import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';

/** The room of a placement, among the edition's rooms: shown only when the edition has more than one. */
export function RoomField({ name, rooms, value, onChange }: { name: string; rooms: string[]; value: string | undefined; onChange: (room: string) => void }) {
  if (rooms.length <= 1) return null;
  return (
    <Field.Root name={name}>
      <Field.Label>Salle</Field.Label>
      <SingleSelect value={value} onChange={(picked: string | number) => onChange(String(picked))}>
        {rooms.map((r) => (
          <SingleSelectOption key={r} value={r}>
            {r}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    </Field.Root>
  );
}
