/**
 * How the exports say a session is cancelled. Neither the C3VOC schedule (JSON schema and XSD) nor
 * the apps that read it (EventFahrplan, Giggity, ConfClerk) have a field for it: EventFahrplan
 * calls "cancelled" a session that vanished since its last download, so a new reader would simply
 * not see it, and Giggity would keep a starred one forever. The session therefore stays at its
 * place, its title prefixed, which every app shows and EventFahrplan lists among the changes.
 * iCalendar has its own word (STATUS:CANCELLED, src/domain/exports/ical.ts). Pure.
 */

/** « Annulée : Titre » for a French program, "Cancelled: Title" otherwise. */
export function cancelledTitle(title: string, locale: string | null | undefined): string {
  return (locale ?? 'fr').startsWith('fr') ? `Annulée\u00a0: ${title}` : `Cancelled: ${title}`;
}

/** The title an export shows for a session. */
export const exportedTitle = (session: { title: string; cancelled: boolean }, locale: string | null | undefined) =>
  session.cancelled ? cancelledTitle(session.title, locale) : session.title;
