// Outlook CSV exports: the desktop layouts (English and German) and outlook.com's newer one. The
// mobile number is preferred over the others; Categories ("Kernel;VIP") are tags.
import type { SourceTable } from "./types";

const PHONES = ["Mobile Phone", "Primary Phone", "Business Phone", "Home Phone", "Business Phone 2", "Home Phone 2", "Company Main Phone", "Other Phone", "Car Phone"];

const english: SourceTable["columns"] = [
  ["First Name", "first_name"],
  ["Last Name", "last_name"],
  ["E-mail Address", "email"],
  ["E-mail 2 Address", "email"],
  ["E-mail 3 Address", "email"],
  ...PHONES.map((h) => [h, "phone"] as [string, "phone"]),
  ["Categories", "tags"],
  ["E-mail Type", "ignore"],
  ["E-mail Display Name", "ignore"],
  ["E-mail 2 Type", "ignore"],
  ["E-mail 2 Display Name", "ignore"],
  ["E-mail 3 Type", "ignore"],
  ["E-mail 3 Display Name", "ignore"],
  // Outlook writes these on every row with the same default values.
  ["Gender", "ignore"],
  ["Priority", "ignore"],
  ["Private", "ignore"],
  ["Sensitivity", "ignore"],
];

export const outlook: SourceTable = {
  id: "outlook",
  label: "Outlook export",
  signature: ["First Name", "Middle Name", "Last Name", "Suffix", "E-mail Address", "E-mail 2 Address", "Mobile Phone"],
  columns: english,
};

export const outlookCom: SourceTable = {
  id: "outlook_com",
  label: "Outlook.com export",
  signature: ["First Name", "Middle Name", "Last Name", "Suffix", "E-mail Address", "E-mail 2 Address", "Mobile Phone", "Given Yomi", "Surname Yomi"],
  columns: english,
};

export const outlookGerman: SourceTable = {
  id: "outlook_de",
  label: "Outlook export (German)",
  signature: ["Vorname", "Nachname", "E-Mail-Adresse"],
  columns: [
    ["Vorname", "first_name"],
    ["Nachname", "last_name"],
    ["E-Mail-Adresse", "email"],
    ["E-Mail 2: Adresse", "email"],
    ["E-Mail 3: Adresse", "email"],
    ...["Mobiltelefon", "Haupttelefon", "Telefon geschäftlich", "Telefon privat", "Telefon geschäftlich 2", "Telefon privat 2", "Telefon Firma", "Weiteres Telefon"].map(
      (h) => [h, "phone"] as [string, "phone"],
    ),
    ["Kategorien", "tags"],
    ["Firma", "metadata.company"],
    ["Position", "metadata.job_title"],
    ["E-Mail-Typ", "ignore"],
    ["E-Mail: Angezeigter Name", "ignore"],
    ["E-Mail 2: Typ", "ignore"],
    ["E-Mail 2: Angezeigter Name", "ignore"],
    ["E-Mail 3: Typ", "ignore"],
    ["E-Mail 3: Angezeigter Name", "ignore"],
    ["Geschlecht", "ignore"],
    ["Priorität", "ignore"],
    ["Privat", "ignore"],
    ["Vertraulichkeit", "ignore"],
  ],
};
