import { useI18n } from "@/i18n/hooks/useI18n";
import type { Locale } from "@/i18n/types/Locale";
import { SelectField } from "@/ui/SelectField";

/** The language of the panel in this browser (remembered). */
export function LanguageSwitcher({ className }: { className?: string }) {
  const { t, locale, setLocale } = useI18n();
  return (
    <SelectField
      className={className}
      label={t("layout.language")}
      value={locale}
      onChange={(event) => setLocale(event.target.value as Locale)}
      options={[
        { value: "pt-BR", label: "Português (Brasil)" },
        { value: "en", label: "English" },
      ]}
    />
  );
}
