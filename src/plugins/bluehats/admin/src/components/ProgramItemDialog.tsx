/**
 * « Ajouter un élément »: a welcome, a break, a closing or a round table, as a program item of its
 * own; with an afternoon and a time it is placed at once, without them it waits in « À placer ».
 */
import * as React from 'react';
import { Box, Button, Dialog, Field, Flex, NumberInput, SingleSelect, SingleSelectOption, TextInput, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { failureMessage } from '../failure';
import { dayName, startFromForm, type BuilderEdition } from './program-grid';
import { RoomField } from './RoomField';

const KINDS = [
  { format: 'welcome', label: 'Accueil', minutes: 10 },
  { format: 'break', label: 'Pause', minutes: 15 },
  { format: 'closing', label: 'Clôture', minutes: 10 },
  { format: 'round_table', label: 'Table ronde', minutes: 30 },
] as const;
type ItemFormat = (typeof KINDS)[number]['format'];

export function ProgramItemDialog({ edition, onAdded }: { edition: BuilderEdition; onAdded: (title: string) => void }) {
  const { post } = useFetchClient();
  const [open, setOpen] = React.useState(false);
  const [format, setFormat] = React.useState<ItemFormat>('break');
  const [title, setTitle] = React.useState('Pause');
  const [duration, setDuration] = React.useState<number | undefined>(15);
  const [date, setDate] = React.useState<string | undefined>(undefined);
  const [time, setTime] = React.useState('');
  const [room, setRoom] = React.useState<string | undefined>(edition.rooms[0]);
  const [problem, setProblem] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);

  const chooseKind = (value: ItemFormat) => {
    const kind = KINDS.find((k) => k.format === value)!;
    // The title follows the kind until the editor types one of their own.
    if (KINDS.some((k) => k.label === title) || title === '') setTitle(kind.label);
    setFormat(value);
    setDuration(kind.minutes);
  };

  const add = async (event: React.FormEvent) => {
    event.preventDefault();
    const day = edition.days.find((d) => d.date === date);
    const startsAt = day && time.trim() ? startFromForm(day, time, edition.timeZone) : null;
    if (time.trim() && !startsAt) return setProblem('Choisissez un après-midi et une heure lisible, par exemple 15:30.');
    if (!title.trim() || !duration) return setProblem('Un titre et une durée en minutes sont attendus.');
    setBusy(true);
    try {
      await post(`/bluehats/editions/${edition.documentId}/program-items`, {
        title: title.trim(),
        format,
        durationMinutes: duration,
        ...(startsAt ? { startsAt, room: room ?? null } : {}),
      });
      setOpen(false);
      setProblem(null);
      onAdded(title.trim());
    } catch (error) {
      setProblem(failureMessage(error, "L'élément n'a pas pu être ajouté."));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger>
        <Button variant="secondary">Ajouter un élément</Button>
      </Dialog.Trigger>
      <Dialog.Content>
        <form onSubmit={(event) => void add(event)}>
          <Dialog.Header>Ajouter un élément au programme</Dialog.Header>
          <Dialog.Body>
            <Flex direction="column" alignItems="stretch" gap={3} width="100%">
              <Field.Root name="item-kind">
                <Field.Label>Nature</Field.Label>
                <SingleSelect value={format} onChange={(value: string | number) => chooseKind(String(value) as ItemFormat)}>
                  {KINDS.map((kind) => (
                    <SingleSelectOption key={kind.format} value={kind.format}>
                      {kind.label}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
              <Field.Root name="item-title">
                <Field.Label>Titre</Field.Label>
                <TextInput value={title} onChange={(event: React.ChangeEvent<HTMLInputElement>) => setTitle(event.target.value)} />
              </Field.Root>
              <Field.Root name="item-duration">
                <Field.Label>Durée (min)</Field.Label>
                <NumberInput value={duration} onValueChange={(value: number | undefined) => setDuration(value)} />
              </Field.Root>
              <Field.Root name="item-day" hint="Facultatif : sans après-midi ni heure, l'élément attend dans « À placer ».">
                <Field.Label>Après-midi</Field.Label>
                <SingleSelect placeholder="À placer plus tard" value={date} onChange={(value: string | number) => setDate(String(value))}>
                  {edition.days.map((day) => (
                    <SingleSelectOption key={day.date} value={day.date}>
                      {dayName(day)}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
                <Field.Hint />
              </Field.Root>
              <Field.Root name="item-start" hint={`Heure de ${edition.timeZone}`}>
                <Field.Label>Heure de début</Field.Label>
                <TextInput value={time} placeholder="15:30" onChange={(event: React.ChangeEvent<HTMLInputElement>) => setTime(event.target.value)} />
                <Field.Hint />
              </Field.Root>
              <RoomField name="item-room" rooms={edition.rooms} value={room} onChange={setRoom} />
              {problem && (
                <Box background="danger100" hasRadius padding={3}>
                  <Typography textColor="danger700" role="alert">
                    {problem}
                  </Typography>
                </Box>
              )}
            </Flex>
          </Dialog.Body>
          <Dialog.Footer>
            <Dialog.Cancel>
              <Button fullWidth variant="tertiary">
                Annuler
              </Button>
            </Dialog.Cancel>
            <Button fullWidth type="submit" loading={busy}>
              Ajouter
            </Button>
          </Dialog.Footer>
        </form>
      </Dialog.Content>
    </Dialog.Root>
  );
}
