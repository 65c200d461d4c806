/**
 * Framework data loader: prints the o200k_base vocabulary (data/vocab/o200k_base.tiktoken),
 * after checking its sha256 against the registry, so the site ships the verified bytes as
 * `FileAttachment("data/o200k_base.tiktoken")`.
 */
import {readVocabText} from "../bpe/node.js";
import {getEncodingSpec} from "../bpe/registry.js";

process.stdout.write(readVocabText(getEncodingSpec("o200k_base").vocab), "latin1");
