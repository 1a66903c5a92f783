/**
 * The text alternative of every move on the grid: choose a session, an afternoon, a start time, a
 * room and a duration, then « Placer »; or « Retirer du programme ». A block clicked on the grid is
 * chosen here.
 */
import * as React from 'react';
import { Button, Field, Flex, NumberInput, SingleSelect, SingleSelectOption, TextInput, Typography } from '@strapi/design-system';
import { dayIndexOf, dayName, DEFAULT_DURATION, inputTime, startFromForm, type BuilderEdition, type BuilderSession, type Position } from './program-grid';
import { RoomField } from './RoomField';

export function PlacementForm({
  edition,
  sessions,
  selectedId,
  onSelect,
  onPlace,
  onRemove,
  busy,
}: {
  edition: BuilderEdition;
  sessions: BuilderSession[];
  selectedId: string | null;
  onSelect: (documentId: string) => void;
  onPlace: (documentId: string, position: Position) => void;
  onRemove: (documentId: string) => void;
  busy: boolean;
}) {
  const session = sessions.find((s) => s.documentId === selectedId) ?? null;
  const [date, setDate] = React.useState<string | undefined>(edition.days[0]?.date);
  const [time, setTime] = React.useState('');
  const [room, setRoom] = React.useState<string | undefined>(edition.rooms[0]);
  const [duration, setDuration] = React.useState<number | undefined>(DEFAULT_DURATION);
  const [problem, setProblem] = React.useState<string | null>(null);

  // The chosen session's place fills the fields (its afternoon, start, room, duration).
  React.useEffect(() => {
    if (!session) return;
    const dayIndex = dayIndexOf(edition, session.startsAt);
    setDate(dayIndex >= 0 ? edition.days[dayIndex].date : (session.preferredDay ?? edition.days[0]?.date));
    setTime(session.startsAt ? inputTime(session.startsAt, edition.timeZone) : '');
    setRoom(session.room ?? edition.rooms[0]);
    setDuration(session.durationMinutes ?? DEFAULT_DURATION);
    setProblem(null);
  }, [session?.documentId, session?.startsAt, session?.room, session?.durationMinutes]);

  const place = (event: React.FormEvent) => {
    event.preventDefault();
    if (!session) return;
    const day = edition.days.find((d) => d.date === date);
    const startsAt = day ? startFromForm(day, time, edition.timeZone) : null;
    if (!day || !startsAt) return setProblem('Indiquez un après-midi et une heure de début, par exemple 14:20.');
    if (!duration || !Number.isInteger(duration) || duration < 1) return setProblem('Indiquez une durée en minutes.');
    setProblem(null);
    onPlace(session.documentId, { startsAt, durationMinutes: duration, room: room ?? null });
  };

  return (
    <form onSubmit={place} aria-labelledby="programme-formulaire-titre">
      <Flex direction="column" alignItems="stretch" gap={3}>
        <Typography variant="delta" tag="h2" id="programme-formulaire-titre">
          Placer sans la souris
        </Typography>
        <Field.Root name="placement-session">
          <Field.Label>Session</Field.Label>
          <SingleSelect placeholder="Choisir une session" value={selectedId ?? undefined} onChange={(value: string | number) => onSelect(String(value))}>
            {sessions.map((s) => (
              <SingleSelectOption key={s.documentId} value={s.documentId}>
                {s.title}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
        <Field.Root name="placement-day">
          <Field.Label>Après-midi</Field.Label>
          <SingleSelect value={date} onChange={(value: string | number) => setDate(String(value))}>
            {edition.days.map((day) => (
              <SingleSelectOption key={day.date} value={day.date}>
                {dayName(day)}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
        <Flex gap={3} alignItems="flex-start">
          <Field.Root name="placement-start" hint={`Heure de ${edition.timeZone}`} style={{ flex: 1 }}>
            <Field.Label>Heure de début</Field.Label>
            <TextInput value={time} placeholder="14:20" onChange={(event: React.ChangeEvent<HTMLInputElement>) => setTime(event.target.value)} />
            <Field.Hint />
          </Field.Root>
          <Field.Root name="placement-duration" style={{ flex: 1 }}>
            <Field.Label>Durée (min)</Field.Label>
            <NumberInput value={duration} onValueChange={(value: number | undefined) => setDuration(value)} />
          </Field.Root>
        </Flex>
        <RoomField name="placement-room" rooms={edition.rooms} value={room} onChange={setRoom} />
        {problem && (
          <Typography textColor="danger700" role="alert">
            {problem}
          </Typography>
        )}
        <Flex gap={2}>
          <Button type="submit" disabled={!session || busy}>
            Placer
          </Button>
          <Button type="button" variant="danger-light" disabled={!session?.startsAt || busy} onClick={() => session && onRemove(session.documentId)}>
            Retirer du programme
          </Button>
        </Flex>
      </Flex>
    </form>
  );
}
