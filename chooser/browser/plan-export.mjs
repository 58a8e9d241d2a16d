// The plan as files and clipboard formats: Word (.docx), HTML, plain text and Markdown.
//
// `plan` is the engine's plain data (contract C in chooser/README.md: title, intro,
// headings_source, choices, sections of blocks and runs); `meta` is what the page adds:
// {date: "2026-12-01", link: absolute URL of the advice, organisation: name | null}.
// Every format is drawn from one document model (documentModel), so the Word file, the copied
// text and the Markdown say the same things in the same order: the title, the organisation,
// the date, the link back, the intro, the choices and the sections.
//
// page.js imports this module only when a plan button is pressed; planDocx in turn imports the
// Word library (npm package docx, copied into the site by macros/publish/plan_export_files.py) only
// when a Word file is asked for. Nothing is fetched from outside the site.

// Keep in step with the exact version of docx in package.json (the build checks it).
export const DOCX_MODULE = "../vendor/docx-9.15.2.mjs";

const BOX = "☐";

// -- the document model ------------------------------------------------------------------------

function absolute(href, meta) {
  try {
    return new URL(href, meta.link).href;
  } catch {
    return href;
  }
}

function resolveRuns(runs, meta) {
  return runs.map((run) => (run.href ? { ...run, href: absolute(run.href, meta) } : run));
}

function resolveBlock(block, meta) {
  if (block.type === "paragraph") return { ...block, runs: resolveRuns(block.runs, meta) };
  if (block.type === "table") return { ...block, rows: block.rows.map((row) => row.map((cell) => resolveRuns(cell, meta))) };
  return { ...block, items: block.items.map((item) => resolveRuns(item, meta)) };
}

/** The plan and the page's meta as one list of headings and blocks, links made absolute. */
export function documentModel(plan, meta) {
  const field = (label, ...runs) => ({ type: "paragraph", runs: [{ text: `${label}: `, strong: true }, ...runs] });
  const out = [{ type: "heading", level: 1, text: plan.title }];
  if (meta.organisation) out.push(field("Organisation", { text: meta.organisation }));
  out.push(field("Datum", { text: meta.date }));
  out.push(field("Länk till förslaget", { text: meta.link, href: meta.link }));
  out.push({ type: "paragraph", runs: plan.intro });
  out.push({ type: "heading", level: 2, text: "Gjord utifrån dessa val" });
  out.push({ type: "table", header: ["Val", "Svar"], rows: plan.choices.map((c) => [[{ text: c.label }], [{ text: c.value }]]) });
  for (const section of plan.sections) {
    out.push({ type: "heading", level: 2, text: section.heading });
    out.push(...section.blocks);
  }
  return out.map((block) => (block.type === "heading" ? block : resolveBlock(block, meta)));
}

/** A file name for the plan: its title as ASCII, the date and the extension. */
export function fileName(plan, meta, extension) {
  const slug = plan.title
    .replace(/\(utkast\)/i, "")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `${slug || "plan"}-${meta.date}.${extension}`;
}

// -- HTML (the clipboard's text/html: Word and Outlook keep headings, lists and tables) ---------

const escapeHtml = (text) => String(text).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

function htmlRuns(runs) {
  return runs
    .map((run) => {
      const text = escapeHtml(run.text);
      if (run.href) return `<a href="${escapeHtml(run.href)}">${text}</a>`;
      if (run.strong) return `<strong>${text}</strong>`;
      if (run.blank) return `<em>${text}</em>`;
      return text;
    })
    .join("");
}

const CELL = 'style="border:1px solid #666;padding:4px 6px;vertical-align:top;text-align:left"';

function htmlBlock(block) {
  switch (block.type) {
    case "heading":
      return `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`;
    case "paragraph":
      return `<p>${htmlRuns(block.runs)}</p>`;
    case "list": {
      const tag = block.ordered ? "ol" : "ul";
      return `<${tag}>${block.items.map((item) => `<li>${htmlRuns(item)}</li>`).join("")}</${tag}>`;
    }
    case "checklist":
      // A box as text: a pasted list keeps it where a style sheet would not travel.
      return `<ul style="list-style:none">${block.items.map((item) => `<li>${BOX} ${htmlRuns(item)}</li>`).join("")}</ul>`;
    case "table": {
      const head = block.header.map((h) => `<th scope="col" ${CELL}>${escapeHtml(h)}</th>`).join("");
      const rows = block.rows.map((row) => `<tr>${row.map((cell) => `<td ${CELL}>${htmlRuns(cell)}</td>`).join("")}</tr>`).join("");
      return `<table style="border-collapse:collapse"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
    }
    default:
      return "";
  }
}

/** The plan as an HTML fragment in Swedish, for the clipboard and for mail. */
export function planHtml(plan, meta) {
  return `<div lang="sv">${documentModel(plan, meta).map(htmlBlock).join("\n")}</div>`;
}

// -- plain text (the clipboard's text/plain: readable in a plain field) -------------------------

function textRuns(runs) {
  return runs.map((run) => (run.href && run.href !== run.text ? `${run.text} (${run.href})` : run.text)).join("");
}

function textBlock(block) {
  switch (block.type) {
    case "heading": {
      const line = block.level === 1 ? "=" : "-";
      return `${block.text}\n${line.repeat(Math.min(block.text.length, 72))}`;
    }
    case "paragraph":
      return textRuns(block.runs);
    case "list":
      return block.items.map((item, i) => `${block.ordered ? `${i + 1}.` : "-"} ${textRuns(item)}`).join("\n");
    case "checklist":
      return block.items.map((item) => `${BOX} ${textRuns(item)}`).join("\n");
    case "table":
      // One line per row, no grid to fall apart in a plain field: "- label: value" for two
      // columns, else each cell after the first named by its column.
      if (block.header.length === 2) {
        return block.rows.map(([label, value]) => `- ${textRuns(label)}${/\?$/.test(textRuns(label)) ? " " : ": "}${textRuns(value)}`).join("\n");
      }
      return block.rows.map((row) => `- ${row.map((cell, i) => (i === 0 ? textRuns(cell) : `${block.header[i]}: ${textRuns(cell)}`)).join(" – ")}`).join("\n");
    default:
      return "";
  }
}

/** The plan as plain text. */
export function planText(plan, meta) {
  return documentModel(plan, meta).map(textBlock).join("\n\n") + "\n";
}

// -- Markdown (a third download for those who want it) -------------------------------------------

const escapeMd = (text) => String(text).replace(/([\\`*_[\]<>|])/g, "\\$1");

function mdRuns(runs) {
  return runs
    .map((run) => {
      if (run.href) return `[${escapeMd(run.text)}](<${run.href}>)`;
      if (run.strong) return `**${escapeMd(run.text.trimEnd())}**${run.text.endsWith(" ") ? " " : ""}`;
      if (run.blank) return run.text; // "[Fyll i: …]": our own words, meant to be read as they are
      return escapeMd(run.text);
    })
    .join("");
}

function mdBlock(block) {
  switch (block.type) {
    case "heading":
      return `${"#".repeat(block.level)} ${escapeMd(block.text)}`;
    case "paragraph":
      return mdRuns(block.runs);
    case "list":
      return block.items.map((item, i) => `${block.ordered ? `${i + 1}.` : "-"} ${mdRuns(item)}`).join("\n");
    case "checklist":
      return block.items.map((item) => `- [ ] ${mdRuns(item)}`).join("\n");
    case "table": {
      const row = (cells) => `| ${cells.join(" | ")} |`;
      return [row(block.header.map(escapeMd)), row(block.header.map(() => "---")), ...block.rows.map((r) => row(r.map(mdRuns)))].join("\n");
    }
    default:
      return "";
  }
}

/** The plan as Markdown. */
export function planMarkdown(plan, meta) {
  return documentModel(plan, meta).map(mdBlock).join("\n\n") + "\n";
}

// -- Word ---------------------------------------------------------------------------------------

/** The plan as a Word document (.docx): real headings, lists and tables, Swedish (sv-SE), A4. */
export async function planDocx(plan, meta) {
  const docx = await import(new URL(DOCX_MODULE, import.meta.url).href);
  const { AlignmentType, Document, ExternalHyperlink, HeadingLevel, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } = docx;
  let lists = 0; // each ordered list is its own instance, so that it counts from 1

  const runs = (items, bold = false) =>
    items.map((run) => {
      if (run.href) return new ExternalHyperlink({ link: run.href, children: [new TextRun({ text: run.text, style: "Hyperlink", bold })] });
      if (run.blank) return new TextRun({ text: run.text, italics: true, bold, highlight: "yellow" });
      return new TextRun({ text: run.text, bold: bold || Boolean(run.strong) });
    });
  const cell = (children, header = false) =>
    new TableCell({ children: [new Paragraph({ children: runs(children, header) })], margins: { top: 60, bottom: 60, left: 100, right: 100 } });

  const children = [];
  for (const block of documentModel(plan, meta)) {
    if (block.type === "heading") {
      const heading = block.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2;
      children.push(new Paragraph({ heading, children: [new TextRun(block.text)], keepNext: true }));
    } else if (block.type === "paragraph") {
      children.push(new Paragraph({ children: runs(block.runs) }));
    } else if (block.type === "list") {
      const instance = ++lists;
      for (const item of block.items) {
        const numbering = block.ordered ? { numbering: { reference: "plan-numbered", level: 0, instance } } : { bullet: { level: 0 } };
        children.push(new Paragraph({ ...numbering, children: runs(item) }));
      }
    } else if (block.type === "checklist") {
      for (const item of block.items) {
        children.push(new Paragraph({ indent: { left: 360, hanging: 360 }, children: [new TextRun(`${BOX} `), ...runs(item)] }));
      }
    } else if (block.type === "table") {
      const header = new TableRow({ tableHeader: true, cantSplit: true, children: block.header.map((h) => cell([{ text: h }], true)) });
      const rows = block.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((c) => cell(c)) }));
      children.push(new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] }));
      children.push(new Paragraph({ children: [] })); // Word needs a paragraph between two tables
    }
  }

  const document = new Document({
    creator: meta.organisation || "Metodväljaren",
    title: plan.title,
    description: `Utkast från metodväljaren ${meta.date}: ${meta.link}`,
    styles: { default: { document: { run: { language: { value: "sv-SE" }, font: "Calibri", size: 22 } } } },
    numbering: {
      config: [
        {
          reference: "plan-numbered",
          levels: [{ level: 0, format: LevelFormat.DECIMAL, text: "%1.", alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 720, hanging: 360 } } } }],
        },
      ],
    },
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 } } }, children }],
  });
  return Packer.toBlob(document);
}
