import type { MessageKey } from "@/i18n/types/MessageKey";

/** The company blueprints offered at sign-up (tenants/*.toml): pipeline, tags and AI defaults. */
export const Blueprints: { id: string; label: MessageKey; description: MessageKey }[] = [
  { id: "education", label: "blueprint.education", description: "blueprint.educationHint" },
  { id: "real-estate", label: "blueprint.realEstate", description: "blueprint.realEstateHint" },
  { id: "clinic", label: "blueprint.clinic", description: "blueprint.clinicHint" },
  { id: "generic", label: "blueprint.generic", description: "blueprint.genericHint" },
];
