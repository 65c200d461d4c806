/**
 * The OpenAI cookbook's two API-verified chat examples ("How to count tokens with tiktoken"),
 * exactly, shared by the engine's, the templates' and the CLI's chat tests. The API counted
 * SIX as 129 tokens (gpt-4) and 124 (gpt-4o), and TOOLS as 105 (gpt-4) and 101 (gpt-4o).
 */
import type { ChatRequest, ChatTool } from "../../src/engine/index.ts";

/** The cookbook's six-message example, exactly. */
export const SIX: ChatRequest = {
  messages: [
    {
      role: "system",
      content: "You are a helpful, pattern-following assistant that translates corporate jargon into plain English.",
    },
    { role: "system", name: "example_user", content: "New synergies will help drive top-line growth." },
    { role: "system", name: "example_assistant", content: "Things working well together will increase revenue." },
    {
      role: "system",
      name: "example_user",
      content: "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage.",
    },
    {
      role: "system",
      name: "example_assistant",
      content: "Let's talk later when we're less busy about how to do better.",
    },
    {
      role: "user",
      content: "This late pivot means we don't have time to boil the ocean for the client deliverable.",
    },
  ],
};

export const WEATHER: ChatTool = {
  type: "function",
  function: {
    name: "get_current_weather",
    description: "Get the current weather in a given location",
    parameters: {
      type: "object",
      properties: {
        location: { type: "string", description: "The city and state, e.g. San Francisco, CA" },
        unit: { type: "string", description: "The unit of temperature to return", enum: ["celsius", "fahrenheit"] },
      },
      required: ["location"],
    },
  },
};

/** The cookbook's tools example, exactly. */
export const TOOLS: ChatRequest = {
  messages: [
    { role: "system", content: "You are a helpful assistant that can answer to questions about the weather." },
    { role: "user", content: "What's the weather like in San Francisco?" },
  ],
  tools: [WEATHER],
};
