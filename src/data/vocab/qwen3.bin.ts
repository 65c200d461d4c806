/**
 * Framework data loader for `FileAttachment("data/vocab/qwen3.bin")`: the tokenizer.json of the
 * open model qwen3, hash-checked, converted to the binary form of src/engine/asset/binary-vocab.ts (version 2,
 * with its merge list) by src/data/vocab/write-open-model.ts, which the file's header names.
 */
import {writeOpenModelAsset} from "./write-open-model.js";

writeOpenModelAsset("qwen3");
