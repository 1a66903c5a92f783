/**
 * « Programme »: the program builder. Each afternoon of the chosen edition is a time grid; sessions
 * are placed, moved and resized with the mouse or the keyboard (or the form « Placer sans la
 * souris »), the placement rules run live with the server's own module, and every drop is the
 * server's to accept: a refusal shows its French message and the session goes back.
 */
import * as React from 'react';
import { Badge, Box, Button, Flex, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { EditionPicker, useEditionChoice } from '../components/EditionPicker';
import { NoticeBox, type Notice } from '../components/NoticeBox';
import { failureMessage } from '../failure';
import { PlacementForm } from '../components/PlacementForm';
import { ProgramDayGrid, type Ghost, type GridBlock, type GridHandlers } from '../components/ProgramDayGrid';
import { ProgramItemDialog } from '../components/ProgramItemDialog';
import { ProgramVersions, VersionChanges, type ProgramVersionView } from '../components/ProgramVersions';
import { PublishProgramButton, publicationText, type ProgramPublication } from '../components/PublishProgramButton';
import {
  dayIndexOf,
  describePosition,
  firstSlot,
  gridColumns,
  liveViolations,
  MOVE_KEYS,
  moveByKey,
  positionOf,
  resizedDuration,
  severityBySession,
  startAtRow,
  type BuilderSession,
  type MoveKey,
  type Position,
  type ProgramBuilder,
  ROW_PX,
} from '../components/program-grid';
import { frenchCount } from '../../../../../domain/phrases';
// Types only: the suggestion's shape is the pure module's.
import type { PlacementSuggestion } from '../../../../../domain/program-placement';

const INSTRUCTIONS_ID = 'programme-instructions';
/** The live region: what the keyboard and the server just did. */
const ANNOUNCEMENT_ID = 'programme-annonce';

/** A session being moved: where it was, where it would go. */
interface Moving {
  id: string;
  from: Position;
  at: Position;
}

const isPlaced = (edition: ProgramBuilder['edition'], session: BuilderSession) => dayIndexOf(edition, session.startsAt) >= 0;

/** An item of « À placer »: a button like a block, picked up with Enter, dragged with the mouse. */
function ListItem({
  session,
  severity,
  picked,
  handlers,
  itemRef,
}: {
  session: BuilderSession;
  severity: 'error' | 'warning' | undefined;
  picked: boolean;
  handlers: GridHandlers;
  itemRef: (element: HTMLButtonElement | null) => void;
}) {
  const details = [
    `${session.durationMinutes ?? '?'} min`,
    session.speakers.length > 0 ? session.speakers.join(', ') : null,
    session.preferredDay ? `préfère le ${session.preferredDay}` : null,
    session.fromProposal ? 'proposition confirmée' : null,
  ].filter(Boolean);
  return (
    <li>
      <Box
        tag="button"
        type="button"
        ref={itemRef}
        draggable
        width="100%"
        padding={2}
        hasRadius
        background={severity === 'error' ? 'danger100' : 'neutral0'}
        borderColor={severity === 'error' ? 'danger600' : picked ? 'primary600' : 'neutral200'}
        style={{ textAlign: 'left', cursor: 'grab' }}
        aria-describedby={INSTRUCTIONS_ID}
        data-session={session.documentId}
        onKeyDown={(event: React.KeyboardEvent) => handlers.onBlockKeyDown(session.documentId, event)}
        onClick={() => handlers.onBlockClick(session.documentId)}
        onDragStart={(event: React.DragEvent) => {
          event.dataTransfer.setData('text/plain', session.documentId);
          handlers.onDragStart(session.documentId, 0);
        }}
        onDragEnd={handlers.onDragEnd}
      >
        <Typography fontWeight="bold" tag="span" display="block" textColor={severity === 'error' ? 'danger700' : 'neutral800'}>
          {session.title}
          {picked ? ' (en déplacement)' : ''}
        </Typography>
        <Typography variant="pi" tag="span" display="block" textColor="neutral600">
          {details.join(' · ')}
        </Typography>
      </Box>
    </li>
  );
}

const ProgramBuilderPage = () => {
  const { get, put, post } = useFetchClient();
  const [notice, setNotice] = React.useState<Notice | null>(null);
  const setMessage = (text: string) => setNotice({ text, tone: 'success' });
  const setFailure = (text: string) => setNotice({ text, tone: 'danger' });
  const choice = useEditionChoice(setFailure);
  const { selected } = choice;

  const [builder, setBuilder] = React.useState<ProgramBuilder | null>(null);
  const [versions, setVersions] = React.useState<ProgramVersionView[] | null>(null);
  const [lastPublication, setLastPublication] = React.useState<ProgramPublication | null>(null);
  /** Moved with the keyboard, not dropped yet. */
  const [picked, setPicked] = React.useState<Moving | null>(null);
  /** Dragged or resized with the mouse, or sent to the server and not answered yet. */
  const [pointer, setPointer] = React.useState<(Moving & { grabRows: number }) | null>(null);
  const [saving, setSaving] = React.useState<Moving | null>(null);
  const [chosen, setChosen] = React.useState<string | null>(null);
  const [suggestion, setSuggestion] = React.useState<PlacementSuggestion | null>(null);
  const [announcement, setAnnouncement] = React.useState('');
  const [busy, setBusy] = React.useState(false);
  const gridRefs = React.useRef(new Map<string, HTMLButtonElement>());
  const listRefs = React.useRef(new Map<string, HTMLButtonElement>());
  const focusNext = React.useRef<string | null>(null);

  const load = React.useCallback(async () => {
    if (!selected) return;
    try {
      const res = await get<{ data: ProgramBuilder }>(`/bluehats/editions/${selected}/program-builder`);
      setBuilder(res.data.data);
    } catch (error) {
      setFailure(failureMessage(error, "Le programme n'a pas pu être chargé."));
    }
  }, [selected]);
  const loadVersions = React.useCallback(async () => {
    if (!selected) return;
    try {
      const res = await get<{ data: ProgramVersionView[] }>(`/bluehats/editions/${selected}/program/versions`);
      setVersions(res.data.data);
    } catch (error) {
      setFailure(failureMessage(error, "Les versions du programme n'ont pas pu être chargées."));
    }
  }, [selected]);
  React.useEffect(() => {
    setBuilder(null);
    setVersions(null);
    setPicked(null);
    setSuggestion(null);
    setLastPublication(null);
    void load();
    void loadVersions();
  }, [load, loadVersions]);

  // After a move the block may be drawn elsewhere (another afternoon, or the grid after the list):
  // the keyboard's focus follows it.
  React.useEffect(() => {
    const id = focusNext.current;
    if (!id) return;
    const element = gridRefs.current.get(id) ?? listRefs.current.get(id);
    if (element && document.activeElement !== element) element.focus();
    if (element) focusNext.current = null;
  });

  const edition = builder?.edition;
  const sessions = builder?.sessions ?? [];
  const byId = (id: string) => sessions.find((s) => s.documentId === id);
  const columns = React.useMemo(() => (builder ? gridColumns(builder.edition) : []), [builder]);

  const moved = React.useMemo(() => {
    const map = new Map<string, Position>();
    for (const moving of [saving, pointer, picked]) if (moving) map.set(moving.id, moving.at);
    return map;
  }, [saving, pointer, picked]);
  const violations = React.useMemo(() => {
    if (!builder) return [];
    if (moved.size === 0 && !suggestion) return builder.violations;
    const withSuggestion = new Map(moved);
    for (const p of suggestion?.placements ?? []) {
      const session = byId(String(p.id));
      if (session) withSuggestion.set(String(p.id), { ...positionOf(session), startsAt: p.startsAt, room: p.room });
    }
    return liveViolations(builder.edition, builder.sessions, withSuggestion);
  }, [builder, moved, suggestion]);
  const severities = React.useMemo(() => severityBySession(violations), [violations]);

  /** Sends a place (or none) to the server; a refusal puts the session back where it was. */
  const commit = async (moving: Moving, how: 'moved' | 'removed' = 'moved') => {
    const session = byId(moving.id);
    if (!session || !edition) return;
    setSaving(moving);
    setPicked(null);
    setPointer(null);
    setBusy(true);
    focusNext.current = moving.id;
    try {
      await put(`/bluehats/sessions/${moving.id}/placement`, {
        startsAt: moving.at.startsAt,
        durationMinutes: moving.at.durationMinutes,
        room: moving.at.room,
      });
      const text =
        how === 'removed' || !moving.at.startsAt
          ? `« ${session.title} » retirée du programme : elle attend dans « À placer ».`
          : `« ${session.title} » placée à ${describePosition(edition, moving.at)}, ${moving.at.durationMinutes} min.`;
      // Said once the grid shows it: the program as the server now has it.
      await load();
      setAnnouncement(text);
      setMessage(text);
    } catch (error) {
      const text = failureMessage(error, "Le placement n'a pas pu être enregistré.");
      setAnnouncement(`Refusé : ${text} La session revient à sa place.`);
      setFailure(text);
    } finally {
      setSaving(null);
      setBusy(false);
    }
  };

  const announceMove = (moving: Moving, resized: boolean) => {
    if (!edition) return;
    const problems = liveViolations(edition, sessions, new Map([[moving.id, moving.at]])).filter(
      (v) => v.severity === 'error' && v.sessionIds.map(String).includes(moving.id)
    );
    const where = resized ? `Durée : ${moving.at.durationMinutes} min.` : `Déplacée à ${describePosition(edition, moving.at)}.`;
    setAnnouncement(problems.length > 0 ? `${where} Conflit : ${problems[0].message}` : where);
  };

  const handlers: GridHandlers = {
    onBlockKeyDown: (id, event) => {
      if (!edition || busy) return;
      const session = byId(id);
      if (!session) return;
      const key = event.key === 'Spacebar' ? ' ' : event.key;
      if (picked?.id !== id) {
        if (key !== 'Enter' && key !== ' ') return;
        event.preventDefault();
        const from = positionOf(session);
        const at = isPlaced(edition, session) ? from : firstSlot(edition, columns, from.durationMinutes);
        if (!at) return setAnnouncement("L'édition n'a aucun après-midi où placer une session.");
        setChosen(id);
        setPicked({ id, from, at });
        focusNext.current = id;
        setAnnouncement(
          `« ${session.title} » prise, à ${describePosition(edition, at)}. Flèches haut et bas : 5 minutes ; gauche et droite : salle ou après-midi ; Maj et flèches : durée ; Entrée : poser ; Échap : annuler.`
        );
        return;
      }
      if (MOVE_KEYS.includes(key)) {
        event.preventDefault();
        const at = moveByKey(edition, columns, picked.at, key as MoveKey, event.shiftKey);
        const next = { ...picked, at };
        setPicked(next);
        focusNext.current = id;
        announceMove(next, event.shiftKey && (key === 'ArrowUp' || key === 'ArrowDown'));
      } else if (key === 'Enter' || key === ' ') {
        event.preventDefault();
        void commit(picked);
      } else if (key === 'Escape') {
        event.preventDefault();
        setPicked(null);
        focusNext.current = id;
        setAnnouncement(`Déplacement annulé : « ${session.title} » reste à sa place.`);
      }
    },
    onBlockClick: (id) => setChosen(id),
    onDragStart: (id, grabRows) => {
      const session = byId(id);
      if (!session || busy) return;
      setPicked(null);
      setPointer({ id, from: positionOf(session), at: positionOf(session), grabRows });
    },
    onDragOverSlot: (dayIndex, room, row) => {
      if (!edition || !pointer) return;
      const startsAt = startAtRow(edition.days[dayIndex], row - pointer.grabRows);
      if (pointer.at.startsAt === startsAt && pointer.at.room === room) return;
      setPointer({ ...pointer, at: { ...pointer.at, startsAt, room } });
    },
    onDrop: () => {
      if (pointer) void commit(pointer);
    },
    onDragEnd: () => setPointer(null),
    onResizeStart: (id, clientY) => {
      const session = byId(id);
      if (!session || busy) return;
      const from = positionOf(session);
      let last: Moving = { id, from, at: from };
      const move = (event: PointerEvent) => {
        last = { id, from, at: { ...from, durationMinutes: resizedDuration(from.durationMinutes, (event.clientY - clientY) / ROW_PX) } };
        setPointer({ ...last, grabRows: 0 });
      };
      const up = () => {
        window.removeEventListener('pointermove', move);
        if (last.at.durationMinutes !== from.durationMinutes) void commit(last);
        else setPointer(null);
      };
      window.addEventListener('pointermove', move);
      window.addEventListener('pointerup', up, { once: true });
    },
    blockRef: (id, element) => {
      if (element) gridRefs.current.set(id, element);
      else gridRefs.current.delete(id);
    },
  };

  const suggest = async () => {
    if (!selected) return;
    setBusy(true);
    try {
      const res = await post<{ data: PlacementSuggestion }>(`/bluehats/editions/${selected}/program-builder/suggestion`, {});
      const found = res.data.data;
      setSuggestion(found);
      setAnnouncement(
        `Proposition : ${frenchCount(found.placements.length, 'session placée', 'sessions placées')}, ${frenchCount(found.left.length, 'laissée de côté', 'laissées de côté')}. Acceptez-la ou annulez-la.`
      );
    } catch (error) {
      setFailure(failureMessage(error, "Aucune proposition n'a pu être calculée."));
    } finally {
      setBusy(false);
    }
  };
  const accept = async () => {
    if (!selected || !suggestion) return;
    setBusy(true);
    try {
      await post(`/bluehats/editions/${selected}/program-builder/accept`, {
        placements: suggestion.placements.map((p) => ({ documentId: String(p.id), startsAt: p.startsAt, room: p.room })),
      });
      const text = `Proposition acceptée : ${frenchCount(suggestion.placements.length, 'session placée', 'sessions placées')}.`;
      await load();
      setSuggestion(null);
      setMessage(text);
      setAnnouncement(text);
    } catch (error) {
      setFailure(failureMessage(error, "La proposition n'a pas pu être acceptée."));
    } finally {
      setBusy(false);
    }
  };

  const published = async (result: ProgramPublication) => {
    setLastPublication(result);
    const text = publicationText(result, edition?.timeZone ?? 'UTC');
    await Promise.all([load(), loadVersions()]);
    setMessage(text);
    setAnnouncement(text);
  };

  const active = sessions.filter((s) => !s.cancelled);
  const toPlace = edition ? active.filter((s) => !isPlaced(edition, s) && !(picked?.id === s.documentId && picked.at.startsAt)) : [];
  const blocksOf = (dayIndex: number): GridBlock[] =>
    edition
      ? active.flatMap((session) => {
          const position = moved.get(session.documentId) ?? positionOf(session);
          if (dayIndexOf(edition, position.startsAt) !== dayIndex) return [];
          return [{ session, position, severity: severities.get(session.documentId), picked: picked?.id === session.documentId }];
        })
      : [];
  const ghostsOf = (dayIndex: number): Ghost[] =>
    edition && suggestion
      ? suggestion.placements.flatMap((p) => {
          const session = byId(String(p.id));
          if (!session || dayIndexOf(edition, p.startsAt) !== dayIndex) return [];
          return [{ id: String(p.id), title: session.title, startsAt: p.startsAt, room: p.room, durationMinutes: session.durationMinutes ?? 0 }];
        })
      : [];
  const hasErrors = violations.some((v) => v.severity === 'error');

  return (
    <Page.Main>
      <Page.Title>Programme</Page.Title>
      <Layouts.Header
        title="Programme"
        subtitle={edition ? `${edition.title} — fuseau ${edition.timeZone}` : 'Chargement…'}
        primaryAction={
          <Flex gap={2}>
            <Button variant="secondary" onClick={() => void suggest()} disabled={!edition || busy}>
              Proposer un placement
            </Button>
            {edition && (
              <ProgramItemDialog
                edition={edition}
                onAdded={(title) => {
                  setMessage(`« ${title} » ajoutée au programme.`);
                  void load();
                }}
              />
            )}
            <PublishProgramButton editionDocumentId={selected} hasErrors={hasErrors} onPublished={(result) => void published(result)} />
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <EditionPicker {...choice} />
          {notice && <NoticeBox notice={notice} />}
          <Box background="neutral0" hasRadius padding={3} borderColor="neutral200">
            <Typography id={INSTRUCTIONS_ID} variant="pi" textColor="neutral700" tag="p">
              Clavier : Entrée ou Espace prend une session ; flèches haut et bas : 5 minutes ; gauche et droite : salle ou après-midi ; Maj et flèches : durée ;
              Entrée pose, Échap annule. Souris : glissez une session sur la grille, tirez son bord bas pour changer sa durée.
            </Typography>
            <Typography tag="p" fontWeight="semiBold" role="status" aria-live="polite" aria-atomic="true" id={ANNOUNCEMENT_ID}>
              {announcement}
            </Typography>
          </Box>
          {suggestion && edition && (
            <Box tag="section" aria-labelledby="programme-proposition" background="primary100" borderColor="primary200" hasRadius padding={4}>
              <Typography variant="delta" tag="h2" id="programme-proposition">
                Placement proposé
              </Typography>
              <Box paddingTop={2} paddingBottom={2}>
                {suggestion.placements.length === 0 ? (
                  <Typography>Aucune session à placer de plus.</Typography>
                ) : (
                  <ul>
                    {suggestion.placements.map((p) => (
                      <li key={String(p.id)}>
                        <Typography>
                          {byId(String(p.id))?.title ?? String(p.id)} : {describePosition(edition, { startsAt: p.startsAt, room: p.room, durationMinutes: 0 })}
                        </Typography>
                      </li>
                    ))}
                  </ul>
                )}
                {suggestion.left.length > 0 && (
                  <>
                    <Typography tag="h3" fontWeight="bold">
                      Laissées de côté
                    </Typography>
                    <ul>
                      {suggestion.left.map((l) => (
                        <li key={String(l.id)}>
                          <Typography textColor="danger700">
                            {byId(String(l.id))?.title ?? String(l.id)} : {l.reason}
                          </Typography>
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </Box>
              <Flex gap={2}>
                <Button onClick={() => void accept()} disabled={busy || suggestion.placements.length === 0}>
                  Accepter la proposition
                </Button>
                <Button variant="tertiary" onClick={() => setSuggestion(null)}>
                  Annuler
                </Button>
              </Flex>
            </Box>
          )}
          {lastPublication?.version && edition && (
            <Box background="success100" borderColor="success200" hasRadius padding={4} tag="section" aria-label="Dernière publication">
              <ul>
                <VersionChanges version={lastPublication.version} zone={edition.timeZone} />
              </ul>
            </Box>
          )}
          {edition && (
            <Flex gap={4} alignItems="flex-start">
              <Flex direction="column" alignItems="stretch" gap={4} style={{ flex: '1 1 auto', minWidth: 0 }}>
                <Flex gap={4} alignItems="flex-start" wrap="wrap">
                  {edition.days.length === 0 ? (
                    <Typography>L'édition n'a aucun après-midi : saisissez ses jours dans l'édition.</Typography>
                  ) : (
                    edition.days.map((day, index) => (
                      <ProgramDayGrid
                        key={day.date}
                        edition={edition}
                        columns={columns}
                        day={day}
                        dayIndex={index}
                        blocks={blocksOf(index)}
                        ghosts={ghostsOf(index)}
                        handlers={handlers}
                        instructionsId={INSTRUCTIONS_ID}
                      />
                    ))
                  )}
                </Flex>
                <Box tag="section" aria-labelledby="programme-regles" background="neutral0" hasRadius shadow="tableShadow" padding={5}>
                  <Typography variant="delta" tag="h2" id="programme-regles">
                    Règles du programme
                  </Typography>
                  <Box paddingTop={2}>
                    {violations.length === 0 ? (
                      <Typography>Aucun conflit : chaque session tient dans son après-midi, sans chevauchement.</Typography>
                    ) : (
                      <ul>
                        {violations.map((v, i) => (
                          <li key={`${v.code}-${i}`}>
                            <Typography textColor={v.severity === 'error' ? 'danger700' : 'neutral800'}>
                              {v.severity === 'error' ? 'Conflit' : 'Avertissement'} : {v.message}
                            </Typography>
                          </li>
                        ))}
                      </ul>
                    )}
                  </Box>
                </Box>
                <ProgramVersions versions={versions} zone={edition.timeZone} />
              </Flex>
              <Flex direction="column" alignItems="stretch" gap={4} style={{ flex: '0 0 320px' }}>
                <Box
                  tag="section"
                  aria-labelledby="programme-a-placer"
                  background="neutral0"
                  hasRadius
                  shadow="tableShadow"
                  padding={4}
                  onDragOver={(event: React.DragEvent) => event.preventDefault()}
                  onDrop={(event: React.DragEvent) => {
                    event.preventDefault();
                    if (pointer && pointer.from.startsAt) void commit({ ...pointer, at: { ...pointer.from, startsAt: null } }, 'removed');
                  }}
                >
                  <Flex gap={2} alignItems="center" paddingBottom={2}>
                    <Typography variant="delta" tag="h2" id="programme-a-placer">
                      À placer
                    </Typography>
                    <Badge>{toPlace.length}</Badge>
                  </Flex>
                  {toPlace.length === 0 ? (
                    <Typography textColor="neutral600">Toutes les sessions sont placées.</Typography>
                  ) : (
                    <Flex tag="ul" direction="column" alignItems="stretch" gap={2}>
                      {toPlace.map((session) => (
                        <ListItem
                          key={session.documentId}
                          session={session}
                          severity={severities.get(session.documentId)}
                          picked={picked?.id === session.documentId}
                          handlers={handlers}
                          itemRef={(element) => {
                            if (element) listRefs.current.set(session.documentId, element);
                            else listRefs.current.delete(session.documentId);
                          }}
                        />
                      ))}
                    </Flex>
                  )}
                  {sessions.some((s) => s.cancelled) && (
                    <Box paddingTop={3}>
                      <Typography variant="sigma" tag="h3" textColor="neutral700">
                        Annulées
                      </Typography>
                      <ul>
                        {sessions
                          .filter((s) => s.cancelled)
                          .map((s) => (
                            <li key={s.documentId}>
                              <Typography textColor="neutral700" style={{ textDecoration: 'line-through' }}>
                                {s.title}
                              </Typography>
                            </li>
                          ))}
                      </ul>
                    </Box>
                  )}
                </Box>
                <Box background="neutral0" hasRadius shadow="tableShadow" padding={4}>
                  <PlacementForm
                    edition={edition}
                    sessions={active}
                    selectedId={chosen}
                    onSelect={setChosen}
                    busy={busy}
                    onPlace={(id, at) => {
                      const session = byId(id);
                      if (session) void commit({ id, from: positionOf(session), at });
                    }}
                    onRemove={(id) => {
                      const session = byId(id);
                      if (session) void commit({ id, from: positionOf(session), at: { ...positionOf(session), startsAt: null } }, 'removed');
                    }}
                  />
                </Box>
              </Flex>
            </Flex>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default ProgramBuilderPage;
export { ProgramBuilderPage as Component };
