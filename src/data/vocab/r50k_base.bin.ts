/**
 * Framework data loader for `FileAttachment("data/vocab/r50k_base.bin")`: the vocabulary
 * data/vocab/r50k_base.tiktoken, hash-checked, in the binary form of src/engine/asset/binary-vocab.ts
 * (made by src/data/vocab/write-binary.ts, which the file's header names).
 */
import {writeBinaryVocab} from "./write-binary.js";

writeBinaryVocab("r50k_base");
