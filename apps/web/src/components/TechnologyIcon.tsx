import {
  AtSign,
  AudioLines,
  CircleQuestionMark,
  Drone,
  Fingerprint,
  type LucideIcon,
  Radar,
  ScanEye,
  ScanFace,
  Smile,
  Thermometer,
  Waypoints,
} from 'lucide-react';
import type { Technology } from '@technopolice/shared';

/** Pictograms of the technologies. Labels come from the taxonomy, never from here. */
const ICONS: Record<Technology, LucideIcon> = {
  'algorithmic-video-surveillance': ScanEye,
  'facial-recognition': ScanFace,
  biometrics: Fingerprint,
  'sound-sensors': AudioLines,
  drones: Drone,
  'predictive-policing': Radar,
  'data-interconnection': Waypoints,
  'social-media-monitoring': AtSign,
  'emotion-recognition': Smile,
  'thermal-cameras': Thermometer,
  other: CircleQuestionMark,
};

function isKnown(id: string): id is Technology {
  return Object.hasOwn(ICONS, id);
}

/** Icon of a technology; identifiers added to the taxonomy later get a neutral one. */
export function TechnologyIcon({ id, size = 20 }: { id: string; size?: number }) {
  const Icon = isKnown(id) ? ICONS[id] : CircleQuestionMark;
  return <Icon size={size} strokeWidth={1.75} aria-hidden="true" />;
}
