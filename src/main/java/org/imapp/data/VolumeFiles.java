package org.imapp.data;

import java.io.IOException;
import java.nio.file.Path;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.type.numeric.RealType;

/**
 * Reading and writing mask volumes, so that dataset runners stay free of any image library:
 * the ImageJ 1.x implementation ({@code org.imapp.ij1.MaskStacks}) opens every format ImageJ
 * opens and writes calibrated TIFF stacks.
 */
public interface VolumeFiles {

	/**
	 * Reads a mask file, binarised.
	 * @throws IOException naming the file when it cannot be opened as an image
	 */
	MaskVolume read(Path file) throws IOException;

	/**
	 * Writes a 2-D or 3-D image as a TIFF with this calibration, atomically: voxels &gt; 0 as 255
	 * (8-bit) when {@code mask}, else as 32-bit floats.
	 */
	<T extends RealType<T>> void writeTiff(RandomAccessibleInterval<T> image, boolean mask, double[] spacing, String unit, Path file) throws IOException;
}
