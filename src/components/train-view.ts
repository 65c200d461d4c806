/**
 * "Train your own": a widget that trains a byte-level BPE on the reader's text with a trainer
 * (src/workers/train-client.ts, which runs it in a worker), with progress and Cancel, then shows
 * the learned merges and the text encoded with them beside o200k_base.
 *
 *   trainView(trainClient(workerUrl), {
 *     text: sample,
 *     countO200k: (t) => client.encode(t, ["o200k_base"], false).then((r) => r.tables[0].length),
 *   })
 */
import type { Merge } from "../lib/bpe-train.js";
import type { TrainClient } from "../workers/train-client.js";
import { partLabel } from "../lib/token-text.js";
import { el } from "./dom.js";

export const MAX_TRAIN_BYTES = 200_000;

export interface TrainViewOptions {
  text: string;
  vocabSize?: number;
  /** o200k_base's token count of a text, for the comparison. */
  countO200k: (text: string) => Promise<number>;
}

export function trainView(trainer: TrainClient, { text, vocabSize = 512, countO200k }: TrainViewOptions): HTMLElement {
  const root = el("div", "train-view");
  const area = el("textarea");
  area.rows = 6;
  area.value = text;
  area.setAttribute("aria-label", "Training text");
  const size = el("input");
  size.type = "range";
  size.min = "256";
  size.max = "4096";
  size.step = "1";
  size.value = String(vocabSize);
  size.setAttribute("aria-label", "Vocabulary size");
  const sizeOut = el("output", undefined, size.value);
  size.addEventListener("input", () => (sizeOut.textContent = size.value));
  const train = el("button", undefined, "Train");
  const cancel = el("button", undefined, "Cancel");
  train.type = cancel.type = "button";
  cancel.disabled = true;
  const progress = el("progress");
  progress.max = 1;
  progress.value = 0;
  const status = el("p", "train-status");
  status.setAttribute("role", "status");
  const results = el("div", "train-results");
  const controls = el("div", "train-controls");
  controls.append(
    el("label", undefined, "Vocabulary size "),
    size,
    " ",
    sizeOut,
    " ",
    train,
    " ",
    cancel,
    " ",
    progress,
  );
  root.append(area, controls, status, results);

  const finish = () => {
    trainer.cancel();
    train.disabled = false;
    cancel.disabled = true;
  };
  cancel.addEventListener("click", () => {
    finish();
    status.textContent = "Training cancelled.";
  });
  train.addEventListener("click", () => {
    finish();
    const input = area.value;
    const bytes = new TextEncoder().encode(input).length;
    if (bytes > MAX_TRAIN_BYTES) {
      status.textContent = `The training text is ${bytes.toLocaleString("en-US")} bytes; this trainer takes at most ${MAX_TRAIN_BYTES.toLocaleString("en-US")}.`;
      return;
    }
    const target = Number(size.value);
    train.disabled = true;
    cancel.disabled = false;
    progress.value = 0;
    status.textContent = `Training ${target - 256} merges on ${bytes.toLocaleString("en-US")} bytes…`;
    const t0 = performance.now();
    const onProgress = (done: number, total: number) => {
      progress.value = done / total;
      status.textContent = `Training: ${done.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} merges…`;
    };
    trainer.train(input, target, onProgress).then(
      async ({ merges, vocab, ids }) => {
        finish();
        progress.value = 1;
        const seconds = ((performance.now() - t0) / 1000).toFixed(1);
        const short = merges.length < target - 256 ? " (the text ran out of pairs to merge)" : "";
        status.textContent = `Learned ${merges.length.toLocaleString("en-US")} merges in ${seconds} s${short}.`;
        results.replaceChildren(...(await drawResults(input, merges, vocab, ids, countO200k)));
      },
      (error: Error) => {
        finish();
        status.textContent = error.message;
      },
    );
  });
  return root;
}

async function drawResults(
  text: string,
  merges: Merge[],
  vocab: Uint8Array[],
  ids: number[],
  countO200k: (text: string) => Promise<number>,
): Promise<HTMLElement[]> {
  const o200k = await countO200k(text);
  const compare = el(
    "p",
    "train-compare",
    `Your text: ${ids.length.toLocaleString("en-US")} tokens with the learned vocabulary (${vocab.length.toLocaleString("en-US")} tokens), ${o200k.toLocaleString("en-US")} with o200k_base (200,000 tokens, learned from far more text, and with a pre-tokenizer).`,
  );
  const chips = el("div", "train-chips");
  chips.setAttribute("aria-label", "Your text in learned tokens");
  for (const id of ids.slice(0, 2000)) {
    const c = el("span", "train-chip", partLabel(vocab[id]));
    c.title = `token ${id}`;
    chips.append(c);
  }
  if (ids.length > 2000)
    chips.append(el("span", "train-more", ` … and ${(ids.length - 2000).toLocaleString("en-US")} more`));
  const table = el("table", "train-merges");
  table.createCaption().textContent = `The merges, in the order learned${merges.length > 300 ? " (the first 300)" : ""}`;
  const head = table.createTHead().insertRow();
  for (const h of ["ID", "joins", "token", "count"]) head.append(el("th", undefined, h));
  const body = table.createTBody();
  for (const m of merges.slice(0, 300)) {
    const tr = body.insertRow();
    tr.insertCell().textContent = String(m.id);
    tr.insertCell().textContent = `${m.left} + ${m.right}`;
    tr.insertCell().textContent = `“${partLabel(vocab[m.id])}”`;
    tr.insertCell().textContent = m.count.toLocaleString("en-US");
  }
  return [compare, chips, table];
}
