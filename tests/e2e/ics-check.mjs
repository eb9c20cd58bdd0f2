// Reads the reminder's .ics file the way a calendar app would, with ical.js (an independent
// RFC 5545 parser), so a browser test can check the download says what the user chose rather
// than comparing it with the text Bia meant to write.
import ICAL from 'ical.js';

/**
 * @param {string} text the downloaded .ics file
 * @returns {{
 *   byday: string[], hour: number, minute: number, floating: boolean, hasAlarm: boolean,
 *   url: string | null, summary: string | null, description: string | null,
 *   date: string, durationMinutes: number | null,
 * }}
 *   `byday` as written in the RRULE (`['MO', 'WE', 'FR']`), the start's local hour and minute,
 *   `floating` when the start names no time zone (no `Z`, no `TZID`), `date` the first start
 *   as `YYYY-MM-DD`.
 */
export function parseReminder(text) {
  let calendar;
  try {
    calendar = new ICAL.Component(ICAL.parse(text));
  } catch (error) {
    throw new Error(`The reminder file is not valid iCalendar: ${error.message}`, { cause: error });
  }
  if (calendar.name !== 'vcalendar') {
    throw new Error(`The reminder file holds a ${calendar.name}, not a VCALENDAR`);
  }
  const event = calendar.getFirstSubcomponent('vevent');
  if (!event) throw new Error('The reminder file has no VEVENT');

  const startProperty = event.getFirstProperty('dtstart');
  if (!startProperty) throw new Error('The reminder event has no DTSTART');
  const start = startProperty.getFirstValue();
  const rrule = event.getFirstPropertyValue('rrule');
  if (!rrule) throw new Error('The reminder event has no RRULE');
  if (rrule.freq !== 'WEEKLY') throw new Error(`The reminder repeats ${rrule.freq}, not WEEKLY`);

  const floating =
    startProperty.getParameter('tzid') == null &&
    start.zone !== ICAL.Timezone.utcTimezone &&
    !String(startProperty.toICALString()).endsWith('Z');
  const duration = event.getFirstPropertyValue('duration');
  const pad = (n, width = 2) => String(n).padStart(width, '0');

  return {
    byday: rrule.parts.BYDAY ?? [],
    hour: start.hour,
    minute: start.minute,
    floating,
    hasAlarm: event.getFirstSubcomponent('valarm') != null,
    url: event.getFirstPropertyValue('url'),
    summary: event.getFirstPropertyValue('summary'),
    description: event.getFirstPropertyValue('description'),
    date: `${pad(start.year, 4)}-${pad(start.month)}-${pad(start.day)}`,
    durationMinutes: duration ? duration.toSeconds() / 60 : null,
  };
}
