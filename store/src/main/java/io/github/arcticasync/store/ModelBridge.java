package io.github.arcticasync.store;

import io.github.arcticasync.store.internal.codec.Column;
import io.github.arcticasync.store.internal.codec.FrameData;
import io.github.arcticasync.store.internal.codec.ModelAccess;
import java.util.List;

/** Lets the codec read and build the model values without copying their arrays. */
final class ModelBridge implements ModelAccess.Bridge {
    @Override
    public FrameData frameData(DataFrame frame) {
        return frame.data();
    }

    @Override
    public DataFrame frame(FrameData data) {
        return new DataFrame(data);
    }

    @Override
    public Column arrayData(NdArray array) {
        return array.flat();
    }

    @Override
    public int[] shape(NdArray array) {
        return array.shape();
    }

    @Override
    public List<Column> arrayFields(NdArray array) {
        return array.fields();
    }

    @Override
    public NdArray plainArray(Column flat, int[] shape) {
        return NdArray.trusted(flat, shape);
    }

    @Override
    public NdArray structuredArray(List<Column> fields) {
        return NdArray.trustedFields(fields);
    }
}
