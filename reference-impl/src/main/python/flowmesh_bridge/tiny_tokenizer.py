"""The tiny engines' tokenizer: one token per whitespace-separated word, id ``1 + crc32(word) % 31999``,
pad id 0 (the Java CPU backend's ids). Set up from tokenizer kwargs as ``AutoTokenizer.from_pretrained``
is: ``padding_side`` (``left`` or ``right``, default ``right``); it implements no other setting.
"""

import zlib

from .errors import InvalidRequest

VOCABULARY = 32000
PAD = 0


class WordTokenizer:

    def __init__(self, padding_side="right", **unknown):
        if unknown:
            raise InvalidRequest("the tiny tokenizer has no setting '%s'" % sorted(unknown)[0])
        if padding_side not in ("left", "right"):
            raise InvalidRequest("Padding side should be selected between 'right' and 'left', current value: %r"
                                 % (padding_side,))
        self.padding_side = padding_side

    def __call__(self, prompts):
        """``{"input_ids", "attention_mask"}`` of the prompts, padded to the longest on ``padding_side``."""
        rows = [[1 + zlib.crc32(word.encode("utf-8")) % (VOCABULARY - 1) for word in prompt.split()]
                for prompt in prompts]
        longest = max((len(r) for r in rows), default=0)
        input_ids, attention_mask = [], []
        for ids in rows:
            pads = longest - len(ids)
            if self.padding_side == "left":
                input_ids.append([PAD] * pads + ids)
                attention_mask.append([0] * pads + [1] * len(ids))
            else:
                input_ids.append(ids + [PAD] * pads)
                attention_mask.append([1] * len(ids) + [0] * pads)
        return {"input_ids": input_ids, "attention_mask": attention_mask}
