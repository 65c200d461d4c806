/**
 * Framework data loader for `FileAttachment("data/vocab/mixtral_v0_1.bin")`: the tokenizer.json of the
 * open model mixtral_v0_1, hash-checked, converted to the binary form of src/engine/asset/binary-vocab.ts (version 2,
 * with its merge list) by src/data/vocab/write-open-model.ts, which the file's header names.
 */
import {writeOpenModelAsset} from "./write-open-model.js";

writeOpenModelAsset("mixtral_v0_1");
