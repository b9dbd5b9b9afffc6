/**
 * IANA zones that were renamed, by their old and new names. Browsers list
 * one or the other (Chromium's Intl list still says "Asia/Calcutta"), people
 * search by either, and the server accepts both, so a search for "kolkata"
 * must find "Asia/Calcutta" and "kiev" must find "Europe/Kyiv". Only renames
 * of the same zone belong here; each pair is [older, current].
 */
const RENAMED: readonly (readonly [string, string])[] = [
  ['Asia/Calcutta', 'Asia/Kolkata'],
  ['Europe/Kiev', 'Europe/Kyiv'],
  ['Asia/Saigon', 'Asia/Ho_Chi_Minh'],
  ['Asia/Rangoon', 'Asia/Yangon'],
  ['Asia/Katmandu', 'Asia/Kathmandu'],
  ['Asia/Dacca', 'Asia/Dhaka'],
  ['Asia/Thimbu', 'Asia/Thimphu'],
  ['Asia/Ulan_Bator', 'Asia/Ulaanbaatar'],
  ['Asia/Macao', 'Asia/Macau'],
  ['Asia/Ujung_Pandang', 'Asia/Makassar'],
  ['America/Godthab', 'America/Nuuk'],
  ['Atlantic/Faeroe', 'Atlantic/Faroe'],
  ['America/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
  ['America/Catamarca', 'America/Argentina/Catamarca'],
  ['America/Cordoba', 'America/Argentina/Cordoba'],
  ['America/Jujuy', 'America/Argentina/Jujuy'],
  ['America/Mendoza', 'America/Argentina/Mendoza'],
  ['America/Indianapolis', 'America/Indiana/Indianapolis'],
  ['America/Louisville', 'America/Kentucky/Louisville'],
  ['America/Coral_Harbour', 'America/Atikokan'],
  ['Pacific/Ponape', 'Pacific/Pohnpei'],
  ['Pacific/Truk', 'Pacific/Chuuk'],
  ['Pacific/Enderbury', 'Pacific/Kanton'],
];

const OTHER_NAMES = new Map<string, string[]>();
for (const [older, current] of RENAMED) {
  OTHER_NAMES.set(older, [...(OTHER_NAMES.get(older) ?? []), current]);
  OTHER_NAMES.set(current, [...(OTHER_NAMES.get(current) ?? []), older]);
}

/** The zone's other names (older or newer), none for a zone never renamed. Pure. */
export function otherZoneNames(zone: string): readonly string[] {
  return OTHER_NAMES.get(zone) ?? [];
}
