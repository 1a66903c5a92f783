/**
 * One afternoon of the program builder as a time grid: a column per room, a row per 5 minutes
 * (labels in the edition's zone), each placed session a block as tall as it lasts. A block is a
 * button: Enter or Space picks it up for the keyboard (the page moves it), a click chooses it for the
 * form, the mouse drags it to another slot; the handle at its foot resizes it.
 */
import * as React from 'react';
import { Box, Typography, VisuallyHidden } from '@strapi/design-system';
import { styled } from 'styled-components';
import { DateTime } from 'luxon';
import {
  columnOf,
  dayName,
  frenchTime,
  minutesIntoDay,
  rowsOf,
  STEP_MINUTES,
  type BuilderDay,
  type BuilderEdition,
  type BuilderSession,
  type Position,
  ROW_PX,
} from './program-grid';

const LABEL_EVERY = 3; // a time label each 15 minutes

export type Severity = 'error' | 'warning' | undefined;

export interface GridBlock {
  session: BuilderSession;
  position: Position;
  severity: Severity;
  picked: boolean;
}

export interface Ghost {
  id: string;
  title: string;
  startsAt: string;
  durationMinutes: number;
  room: string | null;
}

export interface GridHandlers {
  onBlockKeyDown: (documentId: string, event: React.KeyboardEvent) => void;
  onBlockClick: (documentId: string) => void;
  onDragStart: (documentId: string, grabRows: number) => void;
  /** The pointer is over a row of a room's column: the page shows where the session would go. */
  onDragOverSlot: (dayIndex: number, room: string | null, row: number) => void;
  onDrop: () => void;
  onDragEnd: () => void;
  onResizeStart: (documentId: string, clientY: number) => void;
  blockRef: (documentId: string, element: HTMLButtonElement | null) => void;
}

const Column = styled.div<{ $rows: number }>`
  position: relative;
  height: ${({ $rows }) => $rows * ROW_PX}px;
  border-left: 1px solid ${({ theme }) => theme.colors.neutral200};
  background-image:
    repeating-linear-gradient(to bottom, ${({ theme }) => theme.colors.neutral200} 0 1px, transparent 1px ${ROW_PX * 6}px),
    repeating-linear-gradient(to bottom, ${({ theme }) => theme.colors.neutral100} 0 1px, transparent 1px ${ROW_PX}px);
`;

const BlockButton = styled.button<{ $severity: Severity; $picked: boolean }>`
  display: block;
  width: 100%;
  height: 100%;
  overflow: hidden;
  text-align: left;
  padding: 1px 6px;
  font-size: 1.2rem;
  line-height: 1.3;
  cursor: grab;
  border-radius: 4px;
  color: ${({ theme, $severity }) => ($severity === 'error' ? theme.colors.danger700 : theme.colors.neutral800)};
  background: ${({ theme, $severity }) =>
    $severity === 'error' ? theme.colors.danger100 : $severity === 'warning' ? theme.colors.warning100 : theme.colors.primary100};
  border: 1px solid
    ${({ theme, $severity }) => ($severity === 'error' ? theme.colors.danger600 : $severity === 'warning' ? theme.colors.warning500 : theme.colors.primary600)};
  border-left-width: 4px;
  box-shadow: ${({ theme, $picked }) => ($picked ? `0 0 0 3px ${theme.colors.primary600}` : 'none')};
  &:focus-visible {
    outline: 2px solid ${({ theme }) => theme.colors.primary700};
    outline-offset: 1px;
  }
`;

const ResizeHandle = styled.div`
  position: absolute;
  left: 0;
  right: 0;
  bottom: -3px;
  height: 7px;
  cursor: ns-resize;
  touch-action: none;
`;

const GhostBox = styled.div`
  position: absolute;
  left: 3px;
  right: 3px;
  overflow: hidden;
  padding: 1px 6px;
  font-size: 1.2rem;
  border: 2px dashed ${({ theme }) => theme.colors.primary600};
  border-radius: 4px;
  background: ${({ theme }) => theme.colors.neutral0};
  color: ${({ theme }) => theme.colors.neutral800};
  opacity: 0.9;
  pointer-events: none;
`;

const STATUS_LABELS: Record<BuilderSession['status'], string> = { draft: 'brouillon', published: 'publiée', modified: 'modifiée depuis sa publication' };

/** « 14 h 00 – 14 h 20 »: a block's visible times. */
export function blockTimes(edition: BuilderEdition, position: Position): string {
  if (!position.startsAt) return '';
  const end = DateTime.fromISO(position.startsAt).plus({ minutes: position.durationMinutes }).toISO()!;
  return `${frenchTime(position.startsAt, edition.timeZone)} – ${frenchTime(end, edition.timeZone)}`;
}

/** What a screen reader hears after a block's visible title and times (its name starts with what is seen). */
export function blockDetails(edition: BuilderEdition, block: GridBlock): string {
  const { session, position, severity, picked } = block;
  const roomName = position.room ?? edition.rooms[0];
  const room = roomName ? `, salle ${roomName}` : '';
  const problem = severity === 'error' ? ', en conflit' : severity === 'warning' ? ', hors du jour préféré' : '';
  return `${room}, ${position.durationMinutes} min, ${STATUS_LABELS[session.status]}${problem}${picked ? ', en déplacement' : ''}`;
}

export function ProgramDayGrid({
  edition,
  columns,
  day,
  dayIndex,
  blocks,
  ghosts,
  handlers,
  instructionsId,
}: {
  edition: BuilderEdition;
  /** The rooms drawn, in order (`gridColumns`). */
  columns: Array<string | null>;
  day: BuilderDay;
  dayIndex: number;
  blocks: GridBlock[];
  ghosts: Ghost[];
  handlers: GridHandlers;
  instructionsId: string;
}) {
  const rows = rowsOf(day);
  const zone = edition.timeZone;
  const headingId = `programme-jour-${day.date}`;
  const top = (startsAt: string) => (minutesIntoDay(day, startsAt) / STEP_MINUTES) * ROW_PX;
  const height = (minutes: number) => Math.max(1, minutes / STEP_MINUTES) * ROW_PX - 2;
  const rowAt = (event: React.DragEvent<HTMLDivElement>) => (event.clientY - event.currentTarget.getBoundingClientRect().top) / ROW_PX;

  return (
    <Box tag="section" aria-labelledby={headingId} background="neutral0" hasRadius shadow="tableShadow" padding={4} style={{ flex: '1 1 300px', minWidth: 0 }}>
      <Typography variant="delta" tag="h2" id={headingId}>
        {dayName(day)}
      </Typography>
      <Typography variant="pi" textColor="neutral600" tag="p">
        De {frenchTime(day.start, zone)} à {frenchTime(day.end, zone)} ({day.minutes} min), heure de {zone}
      </Typography>
      <Box paddingTop={3}>
        <div style={{ display: 'grid', gridTemplateColumns: `56px repeat(${columns.length}, minmax(120px, 1fr))` }}>
          <div />
          {columns.map((room) => (
            <Typography key={room ?? ''} variant="sigma" textColor="neutral700" style={{ padding: '0 6px 4px' }}>
              {room ?? 'Salle'}
            </Typography>
          ))}
          <div style={{ position: 'relative', height: rows * ROW_PX }} aria-hidden>
            {Array.from({ length: Math.ceil(rows / LABEL_EVERY) }, (_, i) => (
              <Typography
                key={i}
                variant="pi"
                textColor="neutral600"
                style={{ position: 'absolute', top: i * LABEL_EVERY * ROW_PX - 7, right: 6, fontSize: '1.1rem' }}
              >
                {frenchTime(
                  DateTime.fromISO(day.start)
                    .plus({ minutes: i * LABEL_EVERY * STEP_MINUTES })
                    .toISO()!,
                  zone
                )}
              </Typography>
            ))}
          </div>
          {columns.map((room, column) => (
            <Column
              key={room ?? ''}
              $rows={rows}
              data-room={room ?? ''}
              onDragOver={(event) => {
                event.preventDefault();
                event.dataTransfer.dropEffect = 'move';
                handlers.onDragOverSlot(dayIndex, room, rowAt(event));
              }}
              onDrop={(event) => {
                event.preventDefault();
                handlers.onDrop();
              }}
            >
              {ghosts
                .filter((ghost) => Math.max(0, columnOf(edition, columns, ghost.room)) === column)
                .map((ghost) => (
                  <GhostBox key={ghost.id} aria-hidden style={{ top: top(ghost.startsAt), height: height(ghost.durationMinutes) }}>
                    Proposée : {ghost.title}
                  </GhostBox>
                ))}
              {blocks
                .filter((block) => Math.max(0, columnOf(edition, columns, block.position.room)) === column && block.position.startsAt)
                .map((block) => {
                  const id = block.session.documentId;
                  return (
                    <div
                      key={id}
                      style={{
                        position: 'absolute',
                        // A picked-up block stands aside, so the block it would overlap stays in view.
                        left: block.picked ? 32 : 3,
                        right: 3,
                        opacity: block.picked ? 0.92 : 1,
                        top: top(block.position.startsAt!),
                        height: height(block.position.durationMinutes),
                        zIndex: block.picked ? 2 : 1,
                      }}
                    >
                      <BlockButton
                        type="button"
                        ref={(element) => handlers.blockRef(id, element)}
                        draggable
                        $severity={block.severity}
                        $picked={block.picked}
                        aria-describedby={instructionsId}
                        data-session={id}
                        onKeyDown={(event) => handlers.onBlockKeyDown(id, event)}
                        onClick={() => handlers.onBlockClick(id)}
                        onDragStart={(event) => {
                          event.dataTransfer.setData('text/plain', id);
                          event.dataTransfer.effectAllowed = 'move';
                          handlers.onDragStart(id, (event.clientY - event.currentTarget.getBoundingClientRect().top) / ROW_PX);
                        }}
                        onDragEnd={handlers.onDragEnd}
                      >
                        <strong>{block.session.title}</strong> <span>{blockTimes(edition, block.position)}</span>
                        <VisuallyHidden>{blockDetails(edition, block)}</VisuallyHidden>
                      </BlockButton>
                      <ResizeHandle
                        aria-hidden
                        data-resize={id}
                        onPointerDown={(event) => {
                          event.preventDefault();
                          handlers.onResizeStart(id, event.clientY);
                        }}
                      />
                    </div>
                  );
                })}
            </Column>
          ))}
        </div>
      </Box>
    </Box>
  );
}
