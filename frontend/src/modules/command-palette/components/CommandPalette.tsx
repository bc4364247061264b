import { Command } from "cmdk";
import { UserRound } from "lucide-react";
import { useState } from "react";
import { useNavigate } from "react-router";
import { navRegistry } from "@/app/navRegistry";
import { useDebouncedValue } from "@/hooks/useDebouncedValue";
import { useI18n } from "@/i18n/hooks/useI18n";
import { useContactSearch } from "@/modules/command-palette/hooks/useContactSearch";

export type CommandPaletteProps = { open: boolean; onOpenChange: (open: boolean) => void };

/** ⌘K / Ctrl-K: jump to a page or a contact by typing. */
export function CommandPalette({ open, onOpenChange }: CommandPaletteProps) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [search, setSearch] = useState("");
  const q = useDebouncedValue(search);
  const contacts = useContactSearch(q);
  const needle = search.trim().toLowerCase();
  const pages = navRegistry.filter((item) => !needle || t(item.label).toLowerCase().includes(needle) || item.to.includes(needle));

  const go = (to: string) => {
    onOpenChange(false);
    setSearch("");
    navigate(to);
  };

  return (
    <Command.Dialog
      open={open}
      onOpenChange={onOpenChange}
      label={t("palette.title")}
      shouldFilter={false}
      overlayClassName="palette-overlay"
      contentClassName="palette"
    >
      <Command.Input value={search} onValueChange={setSearch} placeholder={t("palette.placeholder")} aria-label={t("palette.placeholder")} />
      <Command.List>
        <Command.Empty>{t("palette.empty")}</Command.Empty>
        {pages.length > 0 && (
          <Command.Group heading={t("palette.pages")}>
            {pages.map((item) => (
              <Command.Item key={item.to} value={`page:${item.to}`} onSelect={() => go(item.to)}>
                <item.icon size={16} aria-hidden="true" />
                {t(item.label)}
              </Command.Item>
            ))}
          </Command.Group>
        )}
        {needle.length >= 2 && (contacts.data?.length ?? 0) > 0 && (
          <Command.Group heading={t("palette.contacts")}>
            {contacts.data?.map((contact) => (
              <Command.Item key={contact.id} value={`contact:${contact.id}`} onSelect={() => go(`/contacts/${contact.id}`)}>
                <UserRound size={16} aria-hidden="true" />
                {contact.name || contact.phone || contact.email}
                {contact.phone && contact.name && <span className="muted"> {contact.phone}</span>}
              </Command.Item>
            ))}
          </Command.Group>
        )}
      </Command.List>
    </Command.Dialog>
  );
}
